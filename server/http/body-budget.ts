import type { RequestHandler } from 'express';
import { FhirError, serviceUnavailable } from '../fhir/outcomes.js';
import { contentEncodingOf, hasRequestBody, headersOf, type HeaderReader } from './request-body.js';

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

const busy = (): FhirError => serviceUnavailable('The server is busy with other large requests; send this one again shortly', 10);

/**
 * What a request's body is charged against the budget, from its headers; undefined when it need not wait:
 * no body, or one declared larger than the budget (the body parser refuses it with 413 at once).
 * A body of unknown length (chunked) counts as the whole budget, and so does a compressed one whatever its
 * declared length: gzip inflates up to 1,000-fold and brotli further, and what costs memory is the inflated body, which the parser
 * caps at the same limit (413 beyond). Compressed requests therefore run one at a time.
 */
export function bodyCost(header: HeaderReader, capacity: number): number | undefined {
  if (!hasRequestBody(header)) return undefined;
  if (header('transfer-encoding') !== undefined || contentEncodingOf(header) !== 'identity') return capacity;
  const declared = Number(header('content-length'));
  return Number.isFinite(declared) && declared <= capacity ? declared : undefined;
}

/**
 * Holds a request with a body until its cost (`bodyCost`) fits the budget, and gives the bytes back when the
 * response is done. A request that waits longer than `maxWaitMs` answers 503 with Retry-After. Requests
 * without a body never wait.
 */
export function bodyBudget(budget: ByteBudget, maxWaitMs = 60_000): RequestHandler {
  return (req, res, next) => {
    const cost = bodyCost(headersOf(req), budget.capacity);
    if (cost === undefined) return next();

    const waiting = new AbortController();
    const timer = setTimeout(() => waiting.abort(busy()), maxWaitMs);
    const gone = (): void => waiting.abort(null); // the client left while waiting: nobody to answer
    res.once('close', gone);
    budget.acquire(cost, waiting.signal).then(
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
