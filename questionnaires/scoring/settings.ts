import { z } from 'zod';

/** Per-deployment scoring settings (the SRQ-20 has no global cut-off: each setting chooses its own). */
export const scoringSettingsSchema = z.strictObject({
  /** SRQ-20 positive when the number of Yes answers is at or above this. */
  srq20Cutoff: z.number().int().min(1).max(20).default(8),
});

export type ScoringSettings = z.output<typeof scoringSettingsSchema>;
export type ScoringSettingsInput = z.input<typeof scoringSettingsSchema>;

/** Throws a ZodError naming the bad setting. */
export function parseScoringSettings(input: unknown = {}): ScoringSettings {
  return scoringSettingsSchema.parse(input);
}
