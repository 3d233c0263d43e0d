import { parseArgs } from 'node:util';
import { z } from 'zod';

export const seedFlags = z
  .object({
    profile: z.enum(['demo', 'large'], { error: '--profile demo or --profile large is required' }),
    seed: z.coerce.number().int('--seed is a whole number').min(0, '--seed is a whole number from 0').max(2 ** 31 - 1).optional(),
    scale: z.coerce.number().positive('--scale is a positive share of the large profile').max(10).optional(),
    now: z.iso.datetime({ offset: true, error: '--now is a date and time such as 2026-03-01T12:00:00Z' }).optional(),
  })
  .refine((f) => f.scale === undefined || f.profile === 'large', { message: '--scale applies to --profile large only', path: ['scale'] });
export type SeedFlags = z.infer<typeof seedFlags>;

/** `npm run seed -- --profile demo|large [--seed N] [--scale F] [--now ISO]`: unknown flags stop parseArgs, bad values zod. */
export function parseSeedArgs(args: string[]): SeedFlags {
  const { values } = parseArgs({
    args,
    options: { profile: { type: 'string' }, seed: { type: 'string' }, scale: { type: 'string' }, now: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  return seedFlags.parse(values);
}
