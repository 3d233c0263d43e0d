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
});
