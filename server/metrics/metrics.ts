import type { RequestHandler } from 'express';
import type pg from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { routeClassOf } from './route-class.js';

/**
 * The process's own figures (CPU, memory, heap, event-loop lag, GC), collected once per process however
 * many apps it builds (tests build many), and shown beside each app's own series.
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export interface MetricsOptions {
  /** the connection pools to report, by name (`primary`, and `replica` when reads go to one) */
  pools: Record<string, pg.Pool>;
}

export interface Metrics {
  /** counts and times every request by route class, method and status */
  observeRequests: RequestHandler;
  /** the exposition text and its content type */
  render(): Promise<{ contentType: string; text: string }>;
}

/** Request counts and latencies by route class, and the database pools, in Prometheus' text format. */
export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  const labelNames = ['route', 'method', 'status'] as const;
  const requests = new Counter({ name: 'hiwa_http_requests_total', help: 'HTTP requests answered, by route class', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'hiwa_http_request_duration_seconds',
    help: 'Time from a request arriving to its response finishing, by route class',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const pools = Object.entries(options.pools);
  const poolGauge = (name: string, help: string, read: (pool: pg.Pool) => number): void => {
    new Gauge({
      name,
      help,
      labelNames: ['pool'],
      registers: [registry],
      collect() {
        for (const [pool, p] of pools) this.set({ pool }, read(p));
      },
    });
  };
  poolGauge('hiwa_db_pool_clients', 'Connections the pool holds open', (p) => p.totalCount);
  poolGauge('hiwa_db_pool_idle_clients', 'Open connections not in use', (p) => p.idleCount);
  poolGauge('hiwa_db_pool_waiting_requests', 'Queries waiting for a free connection', (p) => p.waitingCount);

  return {
    observeRequests: (req, res, next) => {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const labels = { route: routeClassOf(req.method, req.originalUrl.split('?')[0]), method: req.method, status: String(res.statusCode) };
        requests.inc(labels);
        duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      });
      next();
    },
    async render() {
      const merged = Registry.merge([processMetrics(), registry]);
      return { contentType: registry.contentType, text: await merged.metrics() };
    },
  };
}
