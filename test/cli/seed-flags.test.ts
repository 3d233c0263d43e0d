import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseSeedArgs } from '../../server/cli/seed-flags.js';

const messagesOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (err) {
    if (err instanceof z.ZodError) return err.issues.map((i) => i.message);
    throw err;
  }
  throw new Error('the flags were accepted');
};

describe('npm run seed flags', () => {
  it('takes the profile, the seed, the large profile’s scale and the moment', () => {
    expect(parseSeedArgs(['--profile', 'demo'])).toEqual({ profile: 'demo' });
    expect(parseSeedArgs(['--profile', 'large', '--seed', '42', '--scale', '0.01', '--now', '2026-03-01T12:00:00Z'])).toEqual({
      profile: 'large',
      seed: 42,
      scale: 0.01,
      now: '2026-03-01T12:00:00Z',
    });
  });

  it('requires a known profile, saying which', () => {
    expect(messagesOf(() => parseSeedArgs([]))).toEqual(['--profile demo or --profile large is required']);
    expect(messagesOf(() => parseSeedArgs(['--profile', 'huge']))).toEqual(['--profile demo or --profile large is required']);
  });

  it('refuses a seed that is not a whole number, a scale that is not positive, and a scale for the demo', () => {
    expect(messagesOf(() => parseSeedArgs(['--profile', 'demo', '--seed', '1.5']))).toEqual(['--seed is a whole number']);
    expect(messagesOf(() => parseSeedArgs(['--profile', 'large', '--scale', '0']))).toEqual(['--scale is a positive share of the large profile']);
    expect(messagesOf(() => parseSeedArgs(['--profile', 'demo', '--scale', '0.5']))).toEqual(['--scale applies to --profile large only']);
    expect(messagesOf(() => parseSeedArgs(['--profile', 'demo', '--now', 'yesterday']))).toEqual([
      '--now is a date and time such as 2026-03-01T12:00:00Z',
    ]);
  });

  it('refuses flags it does not know', () => {
    expect(() => parseSeedArgs(['--profile', 'demo', '--patients', '5'])).toThrow(/Unknown option '--patients'/);
  });
});
