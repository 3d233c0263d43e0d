import type { RequestHandler, Response } from 'express';
import type { Principal } from '../auth/principal.js';
import { mayWrite, routeClassOf } from '../metrics/route-class.js';
import type { Database, Queryable } from '../store/database.js';
import { ReadRouting } from '../store/read-routing.js';

export interface ReadYourWrites {
  /** notes every caller whose request may have written, once it is answered */
  recordWriters: RequestHandler;
  /** where this request's searches run: the replica, or the primary right after the caller wrote */
  searchDbFor(res: Response): Queryable | undefined;
}

/** Searches on the read replica with read-your-writes, when the database has one; otherwise undefined. */
export function readYourWrites(store: Database, windowMs: number): ReadYourWrites | undefined {
  if (!store.readPool) return undefined;
  const routing = new ReadRouting(store.pool, store.readPool, windowMs);
  return {
    recordWriters: (req, res, next) => {
      // 'finish' fires once the whole response is handed to the socket, before this process reads any
      // request the client could send after seeing it.
      res.on('finish', () => {
        const caller = callerKey(res.locals.principal);
        if (caller && mayWrite(req.method, routeClassOf(req.method, req.originalUrl.split('?')[0]))) routing.wrote(caller);
      });
      next();
    },
    searchDbFor: (res) => {
      const caller = callerKey(res.locals.principal);
      return caller ? routing.searchesFor(caller) : store.pool;
    },
  };
}

function callerKey(principal: Principal | undefined): string | undefined {
  if (principal?.kind === 'staff') return `staff:${principal.userId}`;
  if (principal?.kind === 'system') return `system:${principal.clientId}`;
  return undefined;
}
