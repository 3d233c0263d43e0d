import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { PeakMemory } from './memory.js';
import { perSecond, type ResultRow } from './table.js';

/**
 * The bulk export scenario: a Patient-level export of whatever the bench seeded, as the bench's caller (so
 * through the access rule and the audit trail, as a Directorate's would be), timed from kick-off to the
 * manifest, with the server's peak memory while it runs; next to a raw `COPY (SELECT content …) TO STDOUT`
 * of the same rows through psql, the fastest PostgreSQL itself hands them out.
 */
export interface ExportMeasurement {
  resources: number;
  files: number;
  seconds: number;
  peakMb: number;
  rawRows: number;
  rawSeconds: number;
}

export async function measureExport(target: { origin: string; accessToken: string }, serverPid: number, databaseUrl: string): Promise<ExportMeasurement> {
  const auth = { Authorization: `Bearer ${target.accessToken}` };
  const memory = new PeakMemory(serverPid);
  memory.start(50);
  const started = performance.now();
  const kickOff = await fetch(`${target.origin}/fhir/R4/Patient/$export`, { headers: { ...auth, Prefer: 'respond-async' } });
  const statusUrl = kickOff.headers.get('content-location');
  if (kickOff.status !== 202 || !statusUrl) throw new Error(`export kick-off answered ${kickOff.status}: ${await kickOff.text()}`);
  let manifest: { output: { type: string; count: number }[] } | undefined;
  while (!manifest) {
    const res = await fetch(statusUrl, { headers: auth });
    if (res.status === 200) manifest = (await res.json()) as typeof manifest;
    else if (res.status !== 202) throw new Error(`export status answered ${res.status}: ${await res.text()}`);
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  const peakMb = memory.stop();
  await fetch(statusUrl, { method: 'DELETE', headers: auth }); // its files are not needed

  const types = [...new Set(manifest.output.map((o) => o.type))];
  const raw = await rawCopy(
    databaseUrl,
    `COPY (SELECT content FROM resource WHERE resource_type IN (${types.map((t) => `'${t.replace(/[^A-Za-z]/g, '')}'`).join(',')})` +
      ` AND NOT deleted AND patient_ids <> '{}') TO STDOUT`,
  );
  return {
    resources: manifest.output.reduce((n, o) => n + o.count, 0),
    files: manifest.output.length,
    seconds,
    peakMb,
    rawRows: raw.rows,
    rawSeconds: raw.seconds,
  };
}

/** Runs one COPY … TO STDOUT through psql and counts the lines it hands out. */
function rawCopy(databaseUrl: string, sql: string): Promise<{ rows: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const psql = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', databaseUrl, '-c', sql], { stdio: ['ignore', 'pipe', 'inherit'] });
    let rows = 0;
    psql.stdout.on('data', (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
    });
    psql.once('error', reject);
    psql.once('close', (code) =>
      code === 0 ? resolve({ rows, seconds: (performance.now() - started) / 1000 }) : reject(new Error(`psql exited with ${code}`)),
    );
  });
}

export function exportRows(m: ExportMeasurement): ResultRow[] {
  const rate = m.resources / m.seconds;
  const rawRate = m.rawRows / m.rawSeconds;
  return [
    {
      scenario: `bulk export, Patient level (${m.resources.toLocaleString('en')} resources in ${m.files} files, ${m.seconds.toFixed(1)} s)`,
      rate: `${perSecond(rate)} res/s`,
      baseline: `${perSecond(rawRate)} rows/s (COPY, ${m.rawRows.toLocaleString('en')} rows)`,
      ratio: rate / rawRate,
      target: '≥ 30% of raw COPY',
      met: rate / rawRate >= 0.3,
    },
    { scenario: 'server RSS peak, bulk export', rate: `${m.peakMb.toFixed(0)} MB`, target: '< 300 MB', met: m.peakMb < 300 },
  ];
}
