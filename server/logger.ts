import { pino, type Logger } from 'pino';

/**
 * One JSON line per event. Request lines carry method, path, status and duration only: never the query
 * string, headers or bodies, where names and clinical content travel.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}

export type { Logger };
