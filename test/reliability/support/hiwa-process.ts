import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, maxOldSpaceMb, repoRoot, waitUntilHealthy } from '../../bench/server-process.js';

/**
 * A real Hiwa server process, started as deployed (`node --max-old-space-size=… --import tsx server/main.ts`)
 * on a random loopback port, that a test can kill with SIGKILL and start again on the same port, the same
 * database and the same DATA_DIR (so the tokens it issued stay valid across the restart).
 */
export interface HiwaProcess {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  /** origin + /fhir/R4 */
  fhirBase: string;
  /** keys, and the embedded database when there is no DATABASE_URL */
  dataDir: string;
  /** the server's standard output and error (JSON log lines), kept across restarts */
  logFile: string;
  /** the embedded database's directory, when the server runs on PGlite */
  embeddedDir: string | undefined;
  running(): boolean;
  /** starts the server and waits until `/healthz` answers 200 */
  start(): Promise<void>;
  /** `kill -9`: no shutdown of any kind; resolves once the process is gone */
  kill(): Promise<void>;
  /** SIGTERM, the server's orderly shutdown */
  stop(): Promise<void>;
  /** stops it if running and removes DATA_DIR */
  destroy(): Promise<void>;
}

export interface HiwaProcessOptions {
  /** a PostgreSQL database; absent → the embedded database in DATA_DIR */
  databaseUrl?: string;
  /** environment beyond PORT, DATA_DIR, DATABASE_URL */
  env?: Record<string, string>;
}

export async function hiwaProcess(options: HiwaProcessOptions = {}): Promise<HiwaProcess> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiwa-reliability-'));
  const logFile = path.join(dataDir, 'server.log');
  const origin = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const killOnExit = (): void => void child?.kill('SIGKILL');
  const exited = (c: ChildProcess): Promise<void> =>
    c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((resolve) => c.once('exit', () => resolve()));

  const hiwa: HiwaProcess = {
    origin,
    fhirBase: `${origin}/fhir/R4`,
    dataDir,
    logFile,
    embeddedDir: options.databaseUrl ? undefined : path.join(dataDir, 'pgdata'),
    running: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    async start() {
      if (hiwa.running()) throw new Error('the server is already running');
      const log = fs.openSync(logFile, 'a');
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        LOG_LEVEL: 'warn',
        // Demo data would only slow the start; the suite makes its own accounts.
        DEMO_MODE: 'false',
        // Eight writers of one account are far above a person's pace.
        RATE_LIMIT_PER_MINUTE: '1000000',
        ...options.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: options.databaseUrl,
      };
      // The suite's own DATABASE_URL (when run against a server) must not turn an embedded run into a server one.
      if (!options.databaseUrl) delete env.DATABASE_URL;
      child = spawn(process.execPath, [`--max-old-space-size=${maxOldSpaceMb}`, '--import', 'tsx', 'server/main.ts'], {
        cwd: repoRoot,
        env,
        stdio: ['ignore', log, log],
      });
      fs.closeSync(log);
      process.once('exit', killOnExit);
      await waitUntilHealthy(origin, child);
    },
    async kill() {
      if (!child) return;
      const c = child;
      c.kill('SIGKILL');
      await exited(c);
      process.off('exit', killOnExit);
    },
    async stop() {
      if (!child || !hiwa.running()) return;
      const c = child;
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
      await exited(c);
      clearTimeout(timer);
      process.off('exit', killOnExit);
    },
    async destroy() {
      await hiwa.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return hiwa;
}
