/**
 * Whether an error means the database cannot be reached for now (a restart, a failover, a full connection
 * table) rather than that the statement was wrong: the request may succeed if sent again shortly, without
 * anyone fixing anything.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message, errors } = err as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string') {
    if (socketCodes.has(code)) return true;
    // SQLSTATE: class 08 connection exception; 57P01 admin shutdown, 57P02 crash shutdown,
    // 57P03 cannot connect now (starting up, shutting down, in recovery); 53300 too many connections;
    // 25006 read-only transaction (a standby, or a database switched to read-only, until failover or repair);
    // 53100 disk full; 53200 out of memory.
    if (/^08[0-9A-Z]{3}$/.test(code) || unavailableStates.has(code)) return true;
  }
  // node-postgres's own connection failures carry no code, only their wording.
  if (typeof message === 'string' && clientMessages.some((m) => message.startsWith(m))) return true;
  // A connection attempt to several addresses (localhost: ::1 and 127.0.0.1) fails with all their errors.
  return Array.isArray(errors) && errors.length > 0 && errors.every(isDatabaseUnavailable);
}

const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300', '25006', '53100', '53200']);
const clientMessages = [
  'Connection terminated', // "… unexpectedly", "… due to connection timeout"
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
];

/**
 * Whether the database undid a transaction because it collided with another (40P01 deadlock detected, 40001
 * serialization failure): nothing of it was stored, and the same request sent again will most likely pass.
 */
export function isWriteCollision(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return code === '40P01' || code === '40001';
}
