import { describe, expect, it } from 'vitest';
import type { Queryable } from '../../server/store/database.js';
import { ReadRouting } from '../../server/store/read-routing.js';

/** Two stand-ins told apart by identity: the routing only chooses between them, it never queries. */
const primary = { name: 'primary' } as unknown as Queryable;
const replica = { name: 'replica' } as unknown as Queryable;

function routingAt(windowMs: number) {
  let now = 1_000_000;
  const routing = new ReadRouting(primary, replica, windowMs, () => now);
  return { routing, advance: (ms: number) => (now += ms) };
}

describe('where searches run with a read replica', () => {
  it('sends a caller who has not written to the replica', () => {
    const { routing } = routingAt(5000);
    expect(routing.searchesFor('staff:a')).toBe(replica);
  });

  it("keeps a caller's searches on the primary for the window after their write, then the replica again", () => {
    const { routing, advance } = routingAt(5000);
    routing.wrote('staff:a');
    expect(routing.searchesFor('staff:a')).toBe(primary);
    expect(routing.searchesFor('staff:b')).toBe(replica);
    advance(4999);
    expect(routing.searchesFor('staff:a')).toBe(primary);
    advance(1);
    expect(routing.searchesFor('staff:a')).toBe(replica);
  });

  it('starts the window again at each write', () => {
    const { routing, advance } = routingAt(5000);
    routing.wrote('staff:a');
    advance(4000);
    routing.wrote('staff:a');
    advance(4000);
    expect(routing.searchesFor('staff:a')).toBe(primary);
  });

  it('remembers only the writers of the last window', () => {
    const { routing, advance } = routingAt(5000);
    for (let i = 0; i < 100; i++) routing.wrote(`staff:${i}`);
    advance(6000);
    routing.wrote('staff:late');
    expect(routing.recentWriters).toBe(1);
  });

  it('with a window of zero, sends every search to the replica', () => {
    const { routing } = routingAt(0);
    routing.wrote('staff:a');
    expect(routing.searchesFor('staff:a')).toBe(replica);
  });
});
