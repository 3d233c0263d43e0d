import http from 'node:http';
import pg from 'pg';
import { z } from 'zod';

/**
 * The fastest read by id a Node service can give on this stack, for the benchmark to compare Hiwa's with:
 * `node:http` and `pg`, one primary-key select of the stored JSON, sent as it is. No token, no access rule,
 * no audit trail. Run as its own process (like the server) by `startBareReadServer`.
 */
const env = z
  .object({ PORT: z.coerce.number().int().min(1).max(65535), DATABASE_URL: z.string().url(), POOL_SIZE: z.coerce.number().int().min(1) })
  .parse(process.env);

const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: env.POOL_SIZE });
const readPath = /^\/fhir\/R4\/([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;

const server = http.createServer((req, res) => {
  if (req.url === '/healthz') return void res.end('ok');
  const match = readPath.exec(req.url ?? '');
  if (req.method !== 'GET' || !match) {
    res.statusCode = 404;
    return void res.end();
  }
  pool
    .query<{ content: string }>('SELECT content FROM resource WHERE resource_type = $1 AND id = $2', [match[1], match[2]])
    .then((result) => {
      const row = result.rows[0];
      res.statusCode = row ? 200 : 404;
      res.setHeader('content-type', 'application/fhir+json');
      res.end(row?.content ?? '');
    })
    .catch(() => {
      res.statusCode = 500;
      res.end();
    });
});
server.listen(env.PORT, '127.0.0.1');
process.once('SIGTERM', () => process.exit(0));
