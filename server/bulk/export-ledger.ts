import type { PatientLedger } from '../store/repository.js';

/**
 * The patients one export has named in the audit trail so far. Bounded: past `capacity` ids it starts
 * afresh, so an export of millions of patients keeps a few megabytes and at worst names a patient in a
 * second event — never leaves one out.
 */
export class ExportLedger implements PatientLedger {
  private named = new Set<string>();

  constructor(private readonly capacity = 200_000) {}

  fresh(ids: string[]): string[] {
    const out: string[] = [];
    for (const id of ids) {
      if (this.named.has(id)) continue;
      if (this.named.size >= this.capacity) this.named = new Set();
      this.named.add(id);
      out.push(id);
    }
    return out;
  }
}
