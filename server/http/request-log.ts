import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

/** A line per request at level info; undefined below that level (LOG_LEVEL=warn): nothing to mount. */
export function requestLog(logger: Logger): RequestHandler | undefined {
  if (!logger.isLevelEnabled('info')) return undefined;
  const logRequest: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        { method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, durationMs: Math.round(durationMs * 10) / 10 },
        'request',
      );
    });
    next();
  };
  return logRequest;
}
