import compression from 'compression';
import type { RequestHandler } from 'express';

/**
 * Below this a response fits in one packet or two anyway, and compressing it costs more time than the
 * bytes it saves.
 */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Compresses responses for clients that accept it: brotli when offered, else gzip, and `Vary:
 * Accept-Encoding` on everything compressible so a cache keeps the variants apart. Only types listed as
 * compressible (text, JavaScript, CSS, JSON, FHIR JSON) are touched, so images and archives, already
 * compressed, go out as they are. Brotli at quality 4 (the package's default) costs about what gzip costs
 * per request and sends less on a slow link.
 */
export function compressResponses(): RequestHandler {
  const compress = compression({ threshold: COMPRESSION_THRESHOLD_BYTES });
  return (req, res, next) => {
    // A client that does not say what it accepts (as most machine clients do not) gets the response as it is,
    // which the package would find only after wrapping the response and negotiating with an empty header. The
    // response still says it would differ for a client that accepts compression.
    if (req.headers['accept-encoding'] === undefined) {
      res.vary('Accept-Encoding');
      next();
      return;
    }
    compress(req, res, next);
  };
}
