import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../bench/server-process.js';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of the suite's own, on a random loopback port with its data under /tmp, so that
 * stopping, restarting or breaking the database never touches the machine's shared server on 5432. Made with
 * Debian's server binaries (`initdb`, `pg_ctl`); when the suite runs as root they run as the `postgres` OS
 * user, since PostgreSQL refuses to run as root.
 */
export interface ThrowawayCluster {
  port: number;
  /** the cluster's directory under /tmp: data, log, sockets */
  dir: string;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  start(): Promise<void>;
  /** `fast` disconnects clients and shuts down cleanly; `immediate` is a crash of the database server */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** runs statements as the superuser, one at a time, outside any transaction */
  sql(statements: string[], database?: string): Promise<pg.QueryResult[]>;
  /** stops the cluster and removes its directory */
  destroy(): Promise<void>;
}

export async function createCluster(): Promise<ThrowawayCluster> {
  const bin = serverBinaries();
  const owner = clusterOwner();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiwa-reliability-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  fs.mkdirSync(dataDir, { mode: 0o700 });
  if (owner) {
    fs.chownSync(dir, owner.uid, owner.gid);
    fs.chownSync(dataDir, owner.uid, owner.gid);
  }
  const port = await freePort();
  const asOwner = (file: string, args: string[]) =>
    owner ? run('runuser', ['-u', owner.name, '--', file, ...args]) : run(file, args);
  await asOwner(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  fs.appendFileSync(
    path.join(dataDir, 'postgresql.conf'),
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      'max_connections = 60',
      'shared_buffers = 64MB',
      'log_min_messages = warning',
      '',
    ].join('\n'),
  );
  const pgCtl = (args: string[]) => asOwner(path.join(bin, 'pg_ctl'), ['-D', dataDir, ...args]);
  // Whatever happens to the suite, the cluster does not outlive it.
  const stopOnExit = (): void => {
    try {
      if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
        execFileSync(owner ? 'runuser' : path.join(bin, 'pg_ctl'), [
          ...(owner ? ['-u', owner.name, '--', path.join(bin, 'pg_ctl')] : []),
          '-D', dataDir, '-m', 'immediate', '-w', 'stop',
        ]);
      }
    } catch {
      // already down
    }
  };
  process.once('exit', stopOnExit);

  const url = (database = 'postgres'): string => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const cluster: ThrowawayCluster = {
    port,
    dir,
    url,
    async start() {
      await pgCtl(['-l', logFile, '-w', '-t', '60', 'start']);
    },
    async stop(mode = 'fast') {
      await pgCtl(['-m', mode, '-w', '-t', '60', 'stop']);
    },
    async sql(statements, database) {
      const client = new pg.Client({ connectionString: url(database) });
      await client.connect();
      try {
        const results: pg.QueryResult[] = [];
        for (const statement of statements) results.push(await client.query(statement));
        return results;
      } finally {
        await client.end();
      }
    },
    async destroy() {
      stopOnExit();
      process.off('exit', stopOnExit);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}

/** The newest PostgreSQL server installed from Debian (`postgresql` package). */
function serverBinaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error('No PostgreSQL server binaries (initdb) under /usr/lib/postgresql: run scripts/install-system-deps.sh');
  }
  return path.join(root, versions[0], 'bin');
}

/** PostgreSQL will not run as root: as root the cluster belongs to the `postgres` OS user, otherwise to us. */
export function clusterOwner(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim()));
  return { name: 'postgres', uid, gid };
}

/** A database of its own on the cluster, optionally in a tablespace (e.g. one on a small file system). */
export async function createDatabase(cluster: ThrowawayCluster, name: string, tablespace?: string): Promise<string> {
  await cluster.sql([`CREATE DATABASE ${name}${tablespace ? ` TABLESPACE ${tablespace}` : ''}`]);
  return cluster.url(name);
}
