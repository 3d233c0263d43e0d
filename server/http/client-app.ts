import path from 'node:path';
import express from 'express';

/** A year, the longest lifetime caches honour: Vite names each asset by a hash of its content. */
const ASSET_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;

const revalidate = (res: express.Response): void => void res.setHeader('Cache-Control', 'no-cache');

/**
 * Serves the built web client. Files under /assets carry a content hash in their name, so a browser keeps
 * them for a year without asking again (`immutable`); a new build names new files. Everything else, and
 * index.html above all (it names the current assets), is revalidated on every load (`no-cache`), so a new
 * build reaches users at once. Other paths outside the server's own prefixes get index.html, as the client
 * routes them; a missing asset is not one of them and is left to the app's 404.
 */
export function clientApp(dist: string): express.Router {
  const router = express.Router();
  router.use('/assets', express.static(path.join(dist, 'assets'), { index: false, maxAge: ASSET_MAX_AGE_MS, immutable: true }));
  router.use(express.static(dist, { index: 'index.html', setHeaders: revalidate }));
  router.get(/^\/(?!fhir\/|auth\/|oauth2\/|\.well-known\/|assets\/).*/, (_req, res) => {
    revalidate(res);
    res.sendFile(path.join(dist, 'index.html'));
  });
  return router;
}
