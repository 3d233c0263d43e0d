import fs from 'node:fs';
import path from 'node:path';
import express from 'express';

/** A year, the longest lifetime caches honour: Vite names each asset by a hash of its content. */
const ASSET_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;
const immutable = { maxAge: ASSET_MAX_AGE_MS, immutable: true } as const;

const revalidate = (res: express.Response): void => void res.setHeader('Cache-Control', 'no-cache');

/**
 * The build's brotli copies of its assets (`name.br`, see client/vite.config.ts) to a browser that accepts
 * brotli: compressed once at the best quality instead of on every request at a cheaper one.
 */
function brotliCopies(assets: string): express.RequestHandler {
  const copies = new Set(fs.existsSync(assets) ? fs.readdirSync(assets).filter((name) => name.endsWith('.br')) : []);
  return (req, res, next) => {
    const copy = `${req.path.slice(1)}.br`;
    if (!copies.has(copy) || (req.method !== 'GET' && req.method !== 'HEAD') || req.acceptsEncodings('br', 'gzip') !== 'br') return next();
    res.vary('Accept-Encoding');
    res.setHeader('Content-Encoding', 'br');
    res.type(path.extname(req.path));
    res.sendFile(path.join(assets, copy), immutable, (err) => err && next(err));
  };
}

/**
 * Serves the built web client. Files under /assets carry a content hash in their name, so a browser keeps
 * them for a year without asking again (`immutable`); a new build names new files. Everything else, and
 * index.html above all (it names the current assets), is revalidated on every load (`no-cache`), so a new
 * build reaches users at once. Other paths outside the server's own prefixes get index.html, as the client
 * routes them; a missing asset is not one of them and is left to the app's 404.
 */
export function clientApp(dist: string): express.Router {
  const router = express.Router();
  const assets = path.join(dist, 'assets');
  router.use('/assets', brotliCopies(assets), express.static(assets, { index: false, ...immutable }));
  router.use(express.static(dist, { index: 'index.html', setHeaders: revalidate }));
  router.get(/^\/(?!fhir\/|auth\/|oauth2\/|\.well-known\/|assets\/).*/, (_req, res) => {
    revalidate(res);
    res.sendFile(path.join(dist, 'index.html'));
  });
  return router;
}
