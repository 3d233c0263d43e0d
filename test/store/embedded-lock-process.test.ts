import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServerUntilExit, startServer, type ServerExit, type ServerProcess } from '../bench/server-process.js';

/**
 * Two `npm start` on one embedded DATA_DIR: the second must stop before it opens the database, saying who
 * holds it, and the first must go on serving. Real server processes, as deployed.
 */
const serverStart = { timeout: 300_000 };
const env = { DEMO_MODE: 'false' };

describe('a second server on the same embedded DATA_DIR', serverStart, () => {
  let dataDir: string;
  let first: ServerProcess | undefined;
  let second: ServerExit;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiwa-two-starts-'));
    first = await startServer(undefined, { dataDir, env });
    second = await runServerUntilExit(undefined, { dataDir, env });
  }, serverStart.timeout);
  afterAll(async () => {
    await first?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('exits with a failure status by itself', () => {
    expect(second.exitCode).not.toBeNull();
    expect(second.exitCode).not.toBe(0);
  });

  it('says which process holds the database and where the lock file is', () => {
    expect(second.output).toContain(`in use by process ${first?.pid} (server, since`);
    expect(second.output).toContain(path.join(dataDir, 'pgdata.lock'));
  });

  it('leaves the first server serving', async () => {
    const res = await fetch(`${first?.origin}/healthz`);
    expect(res.status).toBe(200);
  });

  it('frees the directory when the first server stops', async () => {
    await first?.stop();
    first = undefined;
    expect(fs.existsSync(path.join(dataDir, 'pgdata.lock'))).toBe(false);
  });
});
