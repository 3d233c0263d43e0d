import { describe, expect, it } from 'vitest';
import { checkPassword } from '../../server/auth/password-policy.js';

describe('password policy', () => {
  it('accepts 12 characters or more, and passphrases', () => {
    expect(checkPassword('Tq9!vLr2#pXz', 'layla').ok).toBe(true);
    expect(checkPassword('river stone lantern', 'layla').ok).toBe(true);
  });

  it('refuses short passwords with a reason', () => {
    const result = checkPassword('short1!', 'layla');
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/12 characters/);
  });

  it('refuses the username, inside the password or as it', () => {
    expect(checkPassword('layla.hassan', 'layla.hassan').ok).toBe(false);
    expect(checkPassword('my-Layla.Hassan-2024', 'layla.hassan').ok).toBe(false);
  });

  it('refuses common and repetitive passwords', () => {
    for (const p of ['password1234', 'Password1234', 'qwertyuiopas', 'aaaaaaaaaaaaaa', 'abcabcabcabc', '121212121212', 'correct horse battery staple']) {
      expect(checkPassword(p, 'layla').ok, p).toBe(false);
    }
  });

  it('accepts the demo password only in demo mode', () => {
    expect(checkPassword('demo', 'caseworker', { enabled: true, password: 'demo' }).ok).toBe(true);
    expect(checkPassword('demo', 'caseworker', { enabled: false, password: 'demo' }).ok).toBe(false);
    expect(checkPassword('demo', 'caseworker').ok).toBe(false);
  });
});
