import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Metrics } from '../metrics/metrics.js';

/**
 * `GET /metrics` for a Prometheus scraper. With `token` set, only `Authorization: Bearer <token>` gets in
 * (401 without it, 403 with another); without one, only a client on this host does (`req.ip`, which is the
 * client's own address behind a proxy on loopback, so a proxy that forwarded /metrics would not open it).
 */
export function metricsEndpoint(metrics: Metrics, token: string | undefined): RequestHandler {
  return async (req, res) => {
    const refusal = token === undefined ? refusedUnlessLocal(req.ip) : refusedUnlessToken(req.get('authorization'), token);
    if (refusal) {
      if (refusal.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res.status(refusal.status).type('text/plain').send(`${refusal.message}\n`);
      return;
    }
    const { contentType, text } = await metrics.render();
    res.setHeader('Cache-Control', 'no-store');
    res.type(contentType).send(text);
  };
}

interface Refusal {
  status: 401 | 403;
  message: string;
}

function refusedUnlessToken(header: string | undefined, token: string): Refusal | undefined {
  const presented = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  if (presented === undefined) return { status: 401, message: 'Metrics need the metrics bearer token' };
  // Equal-length digests, so the comparison takes the same time whatever was presented.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(token)) ? undefined : { status: 403, message: 'Not the metrics token' };
}

function refusedUnlessLocal(address: string | undefined): Refusal | undefined {
  return address !== undefined && isLoopback(address) ? undefined : { status: 403, message: 'Metrics are served to this host only (or set METRICS_TOKEN)' };
}

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
