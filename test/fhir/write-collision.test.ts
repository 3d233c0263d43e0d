import { describe, expect, it } from 'vitest';
import { writeCollisionRefusal } from '../../server/fhir/write-collision.js';

describe('a write the database undid because it collided with another', () => {
  it.each(['40P01', '40001'])('SQLSTATE %s is a 503 transient outcome asking to send it again in a second', (code) => {
    const refusal = writeCollisionRefusal(Object.assign(new Error('deadlock detected'), { code }), 'this entry');
    expect(refusal?.status).toBe(503);
    expect(refusal?.headers['Retry-After']).toBe('1');
    expect(refusal?.outcome.issue[0].code).toBe('transient');
    expect(refusal?.outcome.issue[0].diagnostics).toMatch(/nothing of it was stored; send this entry again/);
  });

  it.each([{ code: '23505' }, new Error('boom'), null, 'text'])('anything else (%s) is not one', (err) => {
    expect(writeCollisionRefusal(err)).toBeUndefined();
  });
});
