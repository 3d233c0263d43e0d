import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The heap limit `npm start` gives the server (package.json `config.maxOldSpaceMb`): the bench runs it as deployed. */
export const { maxOldSpaceMb } = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { config: { maxOldSpaceMb: string } }).config;

export interface ServerProcess {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  pid: number;
  /** the server's DATA_DIR (its keys live there), removed on stop */
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The real server, as deployed: its own Node process on a PostgreSQL server or its embedded database, started like `npm start` starts
 * it (`node --max-old-space-size=… --import tsx`) and not through the tsx CLI, so that the pid is the server
 * itself (the CLI is a wrapper process), which is what the memory figures must be read from.
 */
export interface ServerOptions {
  /** environment of the server beyond PORT, DATABASE_URL, DATA_DIR and LOG_LEVEL */
  env?: Record<string, string>;
  /** arguments for the server's Node, e.g. `--cpu-prof` to see where its time goes */
  nodeArgs?: string[];
  /** another server's DATA_DIR, to share its keys (and so accept its tokens); left in place on stop */
  dataDir?: string;
  /** how long the server may take to answer /healthz (default 60 s); demo seeding on a busy machine takes longer */
  readyWithinMs?: number;
}

/** `databaseUrl` undefined: the embedded database in DATA_DIR, as `npm start` runs it without DATABASE_URL. */
export async function startServer(databaseUrl: string | undefined, options: ServerOptions = {}): Promise<ServerProcess> {
  const port = await freePort();
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hiwa-bench-'));
  const child = spawnServer(databaseUrl, port, dataDir, options, 'inherit');
  return supervise(child, port, options.readyWithinMs ?? 60_000, {
    dataDir,
    cleanUp: () => {
      if (ownDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/**
 * The bare `node:http` + `pg` read endpoint (bare-read-server.ts) in its own process, with the server's
 * pool size: the baseline of the read by id.
 */
export async function startBareReadServer(databaseUrl: string, poolSize: number): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, POOL_SIZE: String(poolSize) };
  const child = spawn(process.execPath, [`--max-old-space-size=${maxOldSpaceMb}`, '--import', 'tsx', 'test/bench/bare-read-server.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return supervise(child, port, 60_000, { dataDir: '', cleanUp: () => undefined });
}

/** Waits until a started child answers /healthz; it does not outlive the benchmark, and `stop` ends it gently. */
async function supervise(
  child: ChildProcess,
  port: number,
  readyWithinMs: number,
  files: { dataDir: string; cleanUp: () => void },
): Promise<ServerProcess> {
  // Whatever happens to the benchmark, the server does not outlive it.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(origin, child, readyWithinMs);
  return {
    origin,
    pid: child.pid as number,
    dataDir: files.dataDir,
    async stop() {
      process.off('exit', killOnExit);
      // A process killed by a signal (the kernel's, or V8 aborting when the heap runs out) has no exit code.
      const running = (): boolean => child.exitCode === null && child.signalCode === null;
      if (running()) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        // Requests the load generator gave up on at the end of a scenario may still be running: let them finish.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      files.cleanUp();
    },
  };
}

export interface ServerExit {
  /** null when it had to be killed */
  exitCode: number | null;
  /** standard output and standard error, interleaved */
  output: string;
}

/** A server that is expected to stop by itself (refusing to start): its exit code and what it said; killed after `limitMs`. */
export async function runServerUntilExit(
  databaseUrl: string | undefined,
  options: ServerOptions & { dataDir: string },
  limitMs = 120_000,
): Promise<ServerExit> {
  const child = spawnServer(databaseUrl, await freePort(), options.dataDir, options, 'pipe');
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  const exitCode = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  clearTimeout(timer);
  return { exitCode, output };
}

function spawnServer(
  databaseUrl: string | undefined,
  port: number,
  dataDir: string,
  options: ServerOptions,
  stdio: 'inherit' | 'pipe',
): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  if (databaseUrl === undefined) delete env.DATABASE_URL;
  else env.DATABASE_URL = databaseUrl;
  return spawn(process.execPath, [`--max-old-space-size=${maxOldSpaceMb}`, ...(options.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', stdio, stdio],
  });
}

export async function waitUntilHealthy(origin: string, child: ChildProcess, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} while starting`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not become healthy within ${limitMs / 1000} s`);
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
