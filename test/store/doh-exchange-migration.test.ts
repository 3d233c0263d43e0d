import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../server/fhir/definitions.js';
import { migrate } from '../../server/store/migrate.js';
import { prepareContent } from '../../server/store/prepare.js';
import { writeVersions } from '../../server/store/resource-writes.js';
import { consentFor, type ConsentOptions } from '../access/consents.js';
import { scratchDatabase } from '../support/scratch-database.js';

/**
 * The migration from the Directorate-of-Health flag to the periods of the Consents that allow the exchange
 * (015_doh_exchange_periods.sql): a database whose flag was set by any active doh-exchange Consent, a
 * refusal or an ended one included, comes out of it with each patient's periods worked out by the rule of
 * the consent gates, so that only the patients whose consent holds stay open to the Directorate.
 */

const DAY = 24 * 60 * 60 * 1000;
const day = (days: number): string => new Date(Date.now() + days * DAY).toISOString();

/** Each patient's Consent, and the flag the schema before the migration held for them. */
const before: Record<string, { consent?: Omit<ConsentOptions, 'patientId'>; flag: boolean }> = {
  consented: { consent: { purpose: 'doh-exchange' }, flag: true },
  refused: { consent: { purpose: 'doh-exchange', provisionType: 'deny' }, flag: true },
  endedYesterday: { consent: { purpose: 'doh-exchange', from: day(-30), until: day(-1) }, flag: true },
  startsTomorrow: { consent: { purpose: 'doh-exchange', from: day(1) }, flag: true },
  withdrawn: { consent: { purpose: 'doh-exchange', status: 'inactive' }, flag: false },
  none: { flag: false },
};

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let ran: number[];
beforeAll(async () => {
  loadDefinitions();
  scratch = await scratchDatabase(15);
  const pool = scratch.db.pool;
  for (const [patientId, { consent, flag }] of Object.entries(before)) {
    if (consent) {
      const prepared = prepareContent(consentFor({ patientId, ...consent }), `consent-${patientId}`, 1, new Date().toISOString(), { trusted: true });
      await writeVersions(pool, [prepared.write]);
    }
    await pool.query('INSERT INTO patient_access (patient_id, doh_exchange) VALUES ($1, $2)', [patientId, flag]);
  }
  ran = await migrate(pool);
}, 180_000);
afterAll(() => scratch?.close());

async function openAt(at: string): Promise<string[]> {
  const { rows } = await scratch.db.pool.query<{ patient_id: string }>(
    'SELECT patient_id FROM patient_access WHERE doh_exchange_periods @> $1::timestamptz ORDER BY patient_id',
    [at],
  );
  return rows.map((r) => r.patient_id);
}

describe('the migration to consent periods', () => {
  it('runs, and leaves no patient to be worked out', async () => {
    expect(ran).toContain(15);
    const pending = await scratch.db.pool.query('SELECT patient_id FROM patient_access WHERE doh_exchange_periods IS NULL');
    expect(pending.rows).toEqual([]);
  });

  it('keeps open today only the patient whose consent holds today: not a refusal, an ended or a future consent', async () => {
    expect(await openAt(day(0))).toEqual(['consented']);
  });

  it('opens a consent that starts later when it starts', async () => {
    expect(await openAt(day(2))).toEqual(['consented', 'startsTomorrow']);
  });
});
