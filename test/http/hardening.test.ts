import type { RequestHandler } from 'express';
import { describe, expect, it } from 'vitest';
import { corsAllowlist, headersSetBy } from '../../server/http/hardening.js';

describe('headersSetBy: the headers a middleware sets, found once so that they can be replayed', () => {
  it('records what is set and what is removed, in order', () => {
    const middleware: RequestHandler = (_req, res, next) => {
      res.setHeader('X-Frame-Options', 'SAMEORIGIN');
      res.removeHeader('X-Powered-By');
      res.setHeader('Referrer-Policy', 'no-referrer');
      next();
    };
    expect(headersSetBy(middleware)).toEqual({
      set: [
        ['X-Frame-Options', 'SAMEORIGIN'],
        ['Referrer-Policy', 'no-referrer'],
      ],
      removed: ['X-Powered-By'],
    });
  });

  it('refuses a middleware whose headers depend on the request', () => {
    const perRequest: RequestHandler = (req, res, next) => {
      res.setHeader('X-Path', req.path);
      next();
    };
    expect(() => headersSetBy(perRequest)).toThrow(/reads the request \(path\)/);
  });

  it('refuses one that does anything else to the response, fails, or does not pass the request on at once', () => {
    expect(() => headersSetBy((_req, res, next) => (res.status(204), next()))).toThrow();
    expect(() => headersSetBy((_req, _res, next) => next(new Error('refused')))).toThrow(/refused/);
    expect(() => headersSetBy((_req, _res, next) => void setTimeout(next, 0))).toThrow(/did not pass the request on/);
  });
});

describe('corsAllowlist', () => {
  it('is nothing to mount when no origin is configured, and a middleware when one is', () => {
    expect(corsAllowlist([])).toBeUndefined();
    expect(corsAllowlist(['https://app.hiwa.example'])).toBeTypeOf('function');
  });
});
