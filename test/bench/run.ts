import os from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { z } from 'zod';
import { caseworkerToken } from './bench-account.js';
import { dropDatabase, recreateDatabase } from './bench-database.js';
import { CpuMeter } from './cpu-time.js';
import { exportRows, measureExport } from './export-throughput.js';
import { measureHttp, measureHttpAcross, type HttpScenario, type Timing } from './http-load.js';
import { indicatorRows, timeActivityIndicators } from './indicators.js';
import type { Measurement } from './latency.js';
import { PeakMemory } from './memory.js';
import { rawCreate, rawPointSelect, rawTransaction, withPool } from './raw-baseline.js';
import { resultRows } from './report.js';
import { readScenarios, TRANSACTION_ENTRIES, TRANSACTION_PATIENTS, TRANSACTION_SCORES_EACH, writeScenarios } from './scenarios.js';
import { seedThroughServer } from './seed-server.js';
import { startBareReadServer, startServer } from './server-process.js';
import { formatTable } from './table.js';

/**
 * `npm run bench [-- --quick]`: seeds a PostgreSQL database through the running server, measures it under
 * load next to the same work sent straight to PostgreSQL, and prints one table. Everything talks to
 * 127.0.0.1 only, every phase is bounded in time, and the server and scratch database go away at the end.
 */
const loopback = (url: string): boolean => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);

const flagsSchema = z.strictObject({
  quick: z.boolean().default(false),
  seconds: z.coerce.number().int().min(1).max(60).optional(),
  warmup: z.coerce.number().int().min(0).max(30).optional(),
  postgres: z
    .string()
    .url()
    .refine(loopback, 'the benchmark only talks to a PostgreSQL server on this machine')
    .default('postgres://postgres@127.0.0.1:5432/postgres'),
  database: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('hiwa_bench'),
  keep: z.boolean().default(false),
});

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    postgres: { type: 'string' },
    database: { type: 'string' },
    keep: { type: 'boolean' },
  },
  strict: true,
});
const flags = flagsSchema.parse(values);

// Seeding goes through two API processes (a second one runs only while seeding) so that both cores work.
const plan = flags.quick
  ? { patients: 10_000, observations: 50_000, services: 20_000, bundleSize: 1000, inFlight: 2, servers: 2 }
  : { patients: 100_000, observations: 500_000, services: 400_000, bundleSize: 1000, inFlight: 2, servers: 2 };
const timing: Timing = { seconds: flags.seconds ?? (flags.quick ? 5 : 12), warmupSeconds: flags.warmup ?? (flags.quick ? 1 : 3) };
const SERVER_POOL_SIZE = 10; // the server's default pool (server/store/database.ts)
const SEED = 1;
/**
 * The per-token rate limit protects a deployment from one runaway client; here that one client is the load
 * generator, so it is lifted. The token lives as long as the run. Demo data would only add noise.
 */
const benchServerEnv = {
  RATE_LIMIT_PER_MINUTE: String(1e9),
  AUTH_RATE_LIMIT_PER_MINUTE: String(1e9),
  ACCESS_TOKEN_TTL_SECONDS: String(3 * 3600),
  DEMO_MODE: 'false',
};
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const analyze = async (url: string, statement: 'ANALYZE' | 'VACUUM (ANALYZE)'): Promise<void> => {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(statement);
  await admin.end();
};

// A signal ends the run through process.exit, whose 'exit' handlers stop the servers it started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

const started = performance.now();
const loadAtStart = os.loadavg()[0];
const databaseUrl = await recreateDatabase(flags.postgres, flags.database);
log(`database ${flags.database} created; starting the server`);
const server = await startServer(databaseUrl, { env: benchServerEnv });
const failures: string[] = [];
const check = (name: string, m: Measurement): Measurement => {
  if (m.failures > 0) failures.push(`${name}: ${m.failures} failed of ${m.operations + m.failures}`);
  return m;
};
let table: string;

try {
  const target = { origin: server.origin, accessToken: await caseworkerToken(databaseUrl, server.dataDir, server.origin) };
  log(
    `seeding ${plan.patients} Patients, ${plan.observations} Observations and ${plan.services} service Encounters through POST /fhir/R4 of ${plan.servers} API processes ` +
      `(${plan.bundleSize}-entry transactions, ${plan.inFlight} in flight each)`,
  );
  const helpers = await Promise.all(
    Array.from({ length: plan.servers - 1 }, () => startServer(databaseUrl, { env: benchServerEnv, dataDir: server.dataDir })),
  );
  const seeders = [server, ...helpers];
  const seedMeter = new CpuMeter(seeders.map((s) => s.pid), flags.database);
  const seedMemory = seeders.map((s) => new PeakMemory(s.pid));
  seedMemory.forEach((m) => m.start());
  seedMeter.start();
  // Autovacuum analyzes a table each time a tenth of it has changed; the PostgreSQL here may run with it
  // off, so the load does that itself, or the plans would follow statistics of the empty tables.
  const seeded = await seedThroughServer(seeders.map((s) => `${s.origin}/fhir/R4`), target.accessToken, plan, log, () =>
    analyze(databaseUrl, 'ANALYZE'),
  );
  const seedCpu = seedMeter.stop();
  const seedPeakMb = Math.max(...seedMemory.map((m) => m.stop()));
  await Promise.all(helpers.map((h) => h.stop()));

  // After a bulk load autovacuum would vacuum and analyze the tables within a minute; do it now so that the
  // plans measured are the ones a running system has.
  const vacuumStart = performance.now();
  await analyze(databaseUrl, 'VACUUM (ANALYZE)');
  log(`VACUUM (ANALYZE) after seeding: ${((performance.now() - vacuumStart) / 1000).toFixed(1)} s`);

  const reads = readScenarios(seeded.patientIds, SEED);
  const writes = writeScenarios();
  const meter = new CpuMeter([server.pid], flags.database);
  const loadMemory = new PeakMemory(server.pid);
  loadMemory.start();
  const http = async (name: string, scenario: HttpScenario): Promise<Measurement> => {
    log(`${name}: ${timing.warmupSeconds} s warm-up, ${timing.seconds} s at ${scenario.connections} connections`);
    return check(name, await measureHttp(target, scenario, timing, meter));
  };
  const read = await http('read by id', reads.readById);
  // The same reads (same ids in the same order, same connections) from the bare node:http + pg endpoint.
  const bare = await startBareReadServer(databaseUrl, SERVER_POOL_SIZE);
  let bareRead: Measurement;
  try {
    log(`bare node:http + pg read by id: ${timing.warmupSeconds} s warm-up, ${timing.seconds} s at ${reads.readById.connections} connections`);
    const sameReads = readScenarios(seeded.patientIds, SEED).readById;
    bareRead = check('bare read by id', await measureHttp({ ...target, origin: bare.origin }, sameReads, timing, new CpuMeter([bare.pid], flags.database)));
  } finally {
    await bare.stop();
  }
  const searchByName = await http('search Patient by name', reads.searchPatientByName);
  const searchBySubjectAndCode = await http('search Observation by subject + code', reads.searchObservationBySubjectAndCode);
  const create = await http('create Patient', writes.create);
  const transaction = await http(`transaction of ${TRANSACTION_ENTRIES}`, writes.transaction);
  const loadPeakMb = loadMemory.stop();
  // Bulk export of whatever was seeded, with the server's memory while it runs, next to a raw COPY.
  log('bulk export (Patient level) of the seeded data, then a raw COPY of the same rows');
  const exportMeasurement = await measureExport(target, server.pid, databaseUrl);
  // Ingest as a deployment runs it: a second API process beside the first, both sharing the two cores.
  const second = await startServer(databaseUrl, { env: benchServerEnv, dataDir: server.dataDir });
  log(`transaction of ${TRANSACTION_ENTRIES} on 2 API processes: ${timing.warmupSeconds} s warm-up, ${timing.seconds} s at ${writes.transaction.connections} connections each`);
  const transactionTwoProcesses = check(
    'transaction on 2 API processes',
    await measureHttpAcross([target, { ...target, origin: second.origin }], writes.transaction, timing, new CpuMeter([server.pid, second.pid], flags.database)),
  );
  await second.stop();
  log('activity indicators over one year (2021), as a reporter: 3 evaluations, one at a time');
  const indicators = await timeActivityIndicators(databaseUrl, server.dataDir, server.origin);

  // In the raw rows the "server" CPU is this process's: the pg client that stands in for the server.
  const rawMeter = new CpuMeter([process.pid], flags.database);
  const raw = async (name: string, run: (seconds: number) => Promise<Measurement>): Promise<Measurement> => {
    log(`raw pg, ${name}: ${timing.warmupSeconds} s warm-up, ${timing.seconds} s`);
    if (timing.warmupSeconds > 0) await run(timing.warmupSeconds);
    rawMeter.start();
    const measured = await run(timing.seconds);
    return check(`raw ${name}`, { ...measured, cpu: rawMeter.stop() });
  };
  const settings = { databaseUrl, seconds: timing.seconds, poolSize: SERVER_POOL_SIZE };
  const [rawSelect, rawCreated, rawBundle] = await withPool(settings, async (pool) => [
    await raw('point select', (s) => rawPointSelect(pool, seeded.patientIds, reads.readById.connections, s, SEED)),
    await raw('create insert', (s) => rawCreate(pool, writes.create.connections, s)),
    await raw('transaction insert', (s) => rawTransaction(pool, writes.transaction.connections, s, TRANSACTION_PATIENTS, TRANSACTION_SCORES_EACH)),
  ]);

  table = formatTable([
    ...resultRows({
      seed: { ...plan, ...seeded, peakMb: seedPeakMb, cpu: seedCpu },
      read,
      bareRead,
      searchByName,
      searchBySubjectAndCode,
      create,
      transaction,
      transactionTwoProcesses,
      rawSelect,
      rawCreate: rawCreated,
      rawTransaction: rawBundle,
      connections: {
        read: reads.readById.connections,
        searchByName: reads.searchPatientByName.connections,
        searchBySubjectAndCode: reads.searchObservationBySubjectAndCode.connections,
        create: writes.create.connections,
        transaction: writes.transaction.connections,
      },
      transactionEntries: TRANSACTION_ENTRIES,
      loadPeakMb,
    }),
    ...exportRows(exportMeasurement),
    ...indicatorRows(indicators),
  ]);
} finally {
  await server.stop();
  if (!flags.keep) await dropDatabase(flags.postgres, flags.database);
}

const minutes = (performance.now() - started) / 60_000;
process.stdout.write(`\n${table}\n\n`);
process.stdout.write(
  `${flags.quick ? 'quick run' : 'full run'}: ${timing.warmupSeconds} s warm-up + ${timing.seconds} s per scenario; ` +
    `total ${minutes.toFixed(1)} min; load average ${loadAtStart.toFixed(1)} at start, ${os.loadavg()[0].toFixed(1)} at end (${os.cpus().length} CPUs)\n`,
);
if (failures.length > 0) process.stdout.write(`FAILED requests (the figures count only successes):\n  ${failures.join('\n  ')}\n`);
