import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dropDatabase, recreateDatabase } from '../../bench/bench-database.js';
import { startServer, type ServerProcess } from '../../bench/server-process.js';

/**
 * A deployment of its own for one reliability suite: a scratch database with a unique name on the
 * PostgreSQL server at 127.0.0.1:5432 and one or more API processes on it (each a separate Node process, as
 * deployed, sharing one DATA_DIR so that each accepts the others' tokens, and a process started again
 * accepts the tokens of the one it replaces). Stopped and dropped afterwards.
 */
export interface ScratchDeployment {
  databaseUrl: string;
  /** the DATA_DIR the processes share (keys) */
  dataDir: string;
  servers: ServerProcess[];
  /** the origin of each API process, e.g. http://127.0.0.1:40123 */
  origins: string[];
  /** starts another process on the same database and keys, e.g. after one died */
  restart(index: number): Promise<ServerProcess>;
  stop(): Promise<void>;
}

export const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function startScratchDeployment(
  purpose: string,
  processes: number,
  env: Record<string, string>,
): Promise<ScratchDeployment> {
  const name = `hiwa_${purpose}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = await recreateDatabase(POSTGRES_ADMIN_URL, name);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `hiwa-${purpose}-`));
  const start = (): Promise<ServerProcess> => startServer(databaseUrl, { env, dataDir });
  const servers: ServerProcess[] = [];
  const teardown = async (): Promise<void> => {
    for (const server of servers) await server.stop();
    await dropDatabase(POSTGRES_ADMIN_URL, name);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // The first process runs the migrations and makes the keys; the others start on both.
    for (let i = 0; i < processes; i++) servers.push(await start());
  } catch (err) {
    await teardown();
    throw err;
  }
  return {
    databaseUrl,
    dataDir,
    servers,
    get origins() {
      return servers.map((s) => s.origin);
    },
    async restart(index) {
      await servers[index].stop();
      servers[index] = await start();
      return servers[index];
    },
    stop: teardown,
  };
}
