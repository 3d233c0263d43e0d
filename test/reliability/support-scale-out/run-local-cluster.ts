import { z } from 'zod';
import { startLocalCluster } from './nginx-cluster.js';

/**
 * `npm run cluster:local`: three API processes on loopback behind nginx (deploy/nginx), on the database
 * DATABASE_URL names, until Ctrl-C. PROCESSES sets how many; the rest of the environment reaches the
 * processes (e.g. DEMO_MODE=true, DATABASE_READ_URL).
 */
const env = z
  .object({ DATABASE_URL: z.string().url(), PROCESSES: z.coerce.number().int().min(1).max(16).default(3) })
  .parse(process.env);

const cluster = await startLocalCluster(env.DATABASE_URL, { processes: env.PROCESSES });
console.log(`nginx: ${cluster.origin}   API processes: ${cluster.servers.map((s) => `${s.origin} (pid ${s.pid})`).join(', ')}`);
console.log(`access log: ${cluster.accessLog}; Ctrl-C stops everything`);
const stop = (): void => void cluster.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
