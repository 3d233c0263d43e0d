import type { CpuUse } from './cpu-time.js';
import type { Measurement } from './latency.js';
import { cpuPerOperation, perSecond, type ResultRow } from './table.js';

export interface BenchResults {
  seed: {
    patients: number;
    observations: number;
    services: number;
    bundleSize: number;
    servers: number;
    resources: number;
    seconds: number;
    perSecond: number;
    peakMb: number;
    cpu: CpuUse;
  };
  read: Measurement;
  /** the same reads from the bare node:http + pg endpoint */
  bareRead: Measurement;
  searchByName: Measurement;
  searchBySubjectAndCode: Measurement;
  create: Measurement;
  transaction: Measurement;
  /** the same transactions spread over two API processes */
  transactionTwoProcesses: Measurement;
  rawSelect: Measurement;
  rawCreate: Measurement;
  rawTransaction: Measurement;
  /** requests in flight per scenario */
  connections: { read: number; searchByName: number; searchBySubjectAndCode: number; create: number; transaction: number };
  transactionEntries: number;
  loadPeakMb: number;
}

const timed = (m: Measurement) => ({ rate: perSecond(m.perSecond), p50: m.p50, p95: m.p95, ...cpuPerOperation(m) });

/** The table rows, each target checked. */
export function resultRows(r: BenchResults): ResultRow[] {
  const c = r.connections;
  const readRatio = r.read.perSecond / r.bareRead.perSecond;
  return [
    {
      scenario: `seed ${r.seed.patients / 1000}k Patients + ${r.seed.observations / 1000}k Observations + ${r.seed.services / 1000}k services (${r.seed.bundleSize}-entry transactions, ${r.seed.servers} API processes)`,
      rate: `${perSecond(r.seed.perSecond)} res/s`,
      baseline: `${r.seed.seconds.toFixed(0)} s total`,
      ...cpuPerOperation({ operations: r.seed.resources, cpu: r.seed.cpu }),
    },
    {
      scenario: `read Patient by id (c=${c.read})`,
      ...timed(r.read),
      baseline: `${perSecond(r.bareRead.perSecond)} req/s bare`,
      ratio: readRatio,
      target: '≥ 40% of bare endpoint',
      met: readRatio >= 0.4,
    },
    {
      scenario: `bare node:http + pg read by id (c=${c.read}; same rows and pool size)`,
      ...timed(r.bareRead),
      baseline: `${perSecond(r.rawSelect.perSecond)} select/s`,
      ratio: r.bareRead.perSecond / r.rawSelect.perSecond,
    },
    { scenario: `search Patient?name= (c=${c.searchByName})`, ...timed(r.searchByName), target: 'p95 < 50 ms', met: r.searchByName.p95 < 50 },
    { scenario: `search Observation?subject=&code= (c=${c.searchBySubjectAndCode})`, ...timed(r.searchBySubjectAndCode) },
    {
      scenario: `create Patient (c=${c.create})`,
      ...timed(r.create),
      baseline: `${perSecond(r.rawCreate.perSecond)} insert/s`,
      ratio: r.create.perSecond / r.rawCreate.perSecond,
    },
    ...transactionRows(r, r.transaction, `c=${c.transaction}`, false),
    ...transactionRows(r, r.transactionTwoProcesses, `2 API processes, c=${c.transaction} each`, true),
    { scenario: `raw pg: point select (c=${c.read}; CPU: pg client)`, ...timed(r.rawSelect) },
    { scenario: `raw pg: create insert (c=${c.create}; CPU: pg client)`, ...timed(r.rawCreate) },
    { scenario: `raw pg: ${r.transactionEntries}-row transaction insert (c=${c.transaction}; CPU: pg client)`, ...timed(r.rawTransaction) },
    { scenario: 'server RSS peak, HTTP scenarios', rate: `${r.loadPeakMb.toFixed(0)} MB`, target: '< 400 MB', met: r.loadPeakMb < 400 },
    { scenario: 'server RSS peak, seeding (per process)', rate: `${r.seed.peakMb.toFixed(0)} MB`, target: '< 400 MB', met: r.seed.peakMb < 400 },
  ];
}

/**
 * A transaction scenario, per bundle and as resources per second, next to the raw multi-row insert. The
 * ingest target is for two API processes, as a deployment runs them.
 */
function transactionRows(r: BenchResults, m: Measurement, how: string, targeted: boolean): ResultRow[] {
  const ratio = m.perSecond / r.rawTransaction.perSecond;
  const ingest = m.perSecond * r.transactionEntries;
  return [
    {
      scenario: `transaction, ${r.transactionEntries} entries (${how})`,
      ...timed(m),
      baseline: `${perSecond(r.rawTransaction.perSecond)} stmt/s`,
      ratio,
    },
    {
      scenario: '  = transaction ingest, resources/s',
      rate: `${perSecond(ingest)} res/s`,
      baseline: `${perSecond(r.rawTransaction.perSecond * r.transactionEntries)} res/s`,
      ratio,
      ...(targeted ? { target: '≥ 3,000 res/s and ≥ 40% of raw', met: ingest >= 3000 && ratio >= 0.4 } : {}),
      ...cpuPerOperation(m, r.transactionEntries),
    },
  ];
}
