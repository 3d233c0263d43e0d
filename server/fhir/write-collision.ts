import { isWriteCollision } from '../store/database-availability.js';
import { serviceUnavailable, type FhirError } from './outcomes.js';

/**
 * The answer for a write the database undid because it collided with another (a deadlock between rule
 * writes, a serialization failure): nothing of it was stored, so the client is told to send it again.
 */
export function writeCollisionRefusal(err: unknown, what = 'it'): FhirError | undefined {
  if (!isWriteCollision(err)) return undefined;
  return serviceUnavailable(`This write collided with another one at the same moment and nothing of it was stored; send ${what} again`, 1);
}
