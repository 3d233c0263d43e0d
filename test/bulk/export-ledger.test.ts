import { describe, expect, it } from 'vitest';
import { ExportLedger } from '../../server/bulk/export-ledger.js';

describe("an export's ledger", () => {
  it('names each patient once, and again only after it has started afresh past its capacity', () => {
    const ledger = new ExportLedger(3);
    expect(ledger.fresh(['a', 'b', 'a'])).toEqual(['a', 'b']);
    expect(ledger.fresh(['b', 'c'])).toEqual(['c']);
    expect(ledger.fresh(['d', 'a'])).toEqual(['d', 'a']); // full at d: a fresh set, so a is named again
  });

  it('is all stored only once every event handed to it is, however many', async () => {
    const ledger = new ExportLedger();
    const done: number[] = [];
    for (let i = 0; i < 200; i++) ledger.settle(new Promise<void>((resolve) => setTimeout(() => resolve(void done.push(i)), i % 7)));
    await ledger.allStored();
    expect(done).toHaveLength(200);
  });

  it('fails with the first event that could not be stored, and leaves no rejection unhandled meanwhile', async () => {
    const ledger = new ExportLedger();
    ledger.settle(Promise.reject(new Error('audit trail unreachable')));
    ledger.settle(Promise.resolve());
    await new Promise((resolve) => setTimeout(resolve, 10)); // an unhandled rejection would fail the run here
    await expect(ledger.allStored()).rejects.toThrow('audit trail unreachable');
  });

  it('lets an export read on while few enough of its events are being stored, and holds it back until then', async () => {
    const ledger = new ExportLedger();
    const stores = Array.from({ length: 4 }, () => {
      const store = {} as { promise: Promise<void>; resolve: () => void; reject: (err: Error) => void };
      store.promise = new Promise<void>((resolve, reject) => Object.assign(store, { resolve, reject }));
      return store;
    });
    stores.forEach((s) => ledger.settle(s.promise));
    let caughtUp = false;
    const waiting = ledger.caughtUp(2).then(() => void (caughtUp = true));
    stores[0].resolve();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(caughtUp).toBe(false); // three still being stored
    stores[2].resolve();
    await waiting;
    await expect(ledger.caughtUp(2)).resolves.toBeUndefined();
    stores[1].reject(new Error('audit trail unreachable'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(ledger.caughtUp(2)).rejects.toThrow('audit trail unreachable'); // a failure stops the reading at once
    stores[3].resolve();
    await expect(ledger.allStored()).rejects.toThrow('audit trail unreachable');
  });
});
