import type { RequestHandler } from 'express';
import { FhirError, issue, outcome } from '../fhir/outcomes.js';

/**
 * A fixed number of bytes shared by the requests one process works on at once. A request body costs the
 * server some 25 times its size while it is parsed, validated and written, so a few maximum-size
 * transactions at once would run the heap out of memory and take every other request down with it.
 * Admission is first come, first served: a large request waiting is not overtaken by smaller ones.
 */
export class ByteBudget {
  private used = 0;
  private readonly waiting: { bytes: number; grant: () => void }[] = [];

  constructor(readonly capacity: number) {}

  /** Resolves with the function that gives the bytes back, once they fit; rejects if `signal` aborts first. */
  acquire(cost: number, signal?: AbortSignal): Promise<() => void> {
    const bytes = Math.min(Math.max(cost, 0), this.capacity);
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        this.used += bytes;
        let given = false;
        resolve(() => {
          if (given) return;
          given = true;
          this.used -= bytes;
          this.admitWaiting();
        });
      };
      if (this.waiting.length === 0 && this.used + bytes <= this.capacity) {
        grant();
        return;
      }
      const entry = { bytes, grant };
      this.waiting.push(entry);
      signal?.addEventListener(
        'abort',
        () => {
          const at = this.waiting.indexOf(entry);
          if (at < 0) return; // already admitted
          this.waiting.splice(at, 1);
          reject(signal.reason);
          this.admitWaiting(); // the next in line may fit where this one did not
        },
        { once: true },
      );
    });
  }

  /** Bytes held by requests at work now. */
  get inUse(): number {
    return this.used;
  }

  private admitWaiting(): void {
    while (this.waiting.length > 0 && this.used + this.waiting[0].bytes <= this.capacity) {
      this.waiting.shift()?.grant();
    }
  }
}

const busy = (): FhirError =>
  new FhirError(503, outcome(issue('transient', 'The server is busy with other large requests; send this one again shortly')), {
    'Retry-After': '10',
  });

/**
 * Holds a request with a body until its declared size fits the budget (a body of unknown length counts as
 * the largest allowed), and gives the bytes back when the response is done. A request that waits longer
 * than `maxWaitMs` answers 503 with Retry-After; one larger than the budget goes on to be refused (413) by
 * the body parser. Requests without a body never wait.
 */
export function bodyBudget(budget: ByteBudget, maxWaitMs = 60_000): RequestHandler {
  return (req, res, next) => {
    const length = req.get('content-length');
    const chunked = req.get('transfer-encoding') !== undefined;
    if (!chunked && (length === undefined || Number(length) === 0)) return next();
    const declared = chunked ? budget.capacity : Number(length);
    if (!Number.isFinite(declared) || declared > budget.capacity) return next();

    const waiting = new AbortController();
    const timer = setTimeout(() => waiting.abort(busy()), maxWaitMs);
    const gone = (): void => waiting.abort(null); // the client left while waiting: nobody to answer
    res.once('close', gone);
    budget.acquire(declared, waiting.signal).then(
      (release) => {
        clearTimeout(timer);
        res.off('close', gone);
        res.once('close', release);
        next();
      },
      (reason: unknown) => {
        clearTimeout(timer);
        res.off('close', gone);
        if (reason instanceof FhirError) next(reason);
      },
    );
  };
}
