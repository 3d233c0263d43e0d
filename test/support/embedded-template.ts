import { embeddedPool, openEmbedded } from '../../server/store/database.js';
import { migrate } from '../../server/store/migrate.js';

let template: Promise<Blob> | undefined;

/**
 * An embedded database with every migration applied, as a `dumpDataDir` tarball to start new ones from
 * (`embeddedFrom`). Made once per test worker: loading it takes about 1 s where a new cluster takes 2.5 s
 * and its migrations more, for each of the hundred-odd databases the suite opens.
 */
export function migratedEmbeddedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const { pglite, close } = await openEmbedded('memory://');
    try {
      const pool = embeddedPool(pglite);
      await migrate(pool);
      await pool.end();
      return await pglite.dumpDataDir('none');
    } finally {
      await close();
    }
  })().catch((err: unknown) => {
    template = undefined; // one failed attempt must not fail every later file of the worker
    throw err;
  });
  return template;
}
