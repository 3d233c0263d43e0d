import { z } from 'zod';

/**
 * A text pack: the wording of one Questionnaire in one language, keyed by linkId, beside the structure
 * that lives once in the definition. Hiwa ships packs for its own forms and the English PHQ-9 and SRQ-20;
 * an organisation installs the others (SDQ from its authorised copy; validated PHQ-9/SRQ-20 translations).
 */
export const textPackSchema = z.strictObject({
  /** Questionnaire.name the pack is for, e.g. "SDQ_P4_17". */
  questionnaire: z.string().min(1),
  /** BCP-47 language tag: en, ar, ckb, kmr, … */
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP-47 language tag such as ar, ckb or kmr'),
  /** Who checked the wording, e.g. "machine-draft — needs review by a native speaker". Shown to users. */
  reviewStatus: z.string().min(1),
  /** Where the wording comes from (publisher, validated translation, version). */
  source: z.string().min(1).optional(),
  /** The permission under which the wording is used (SDQ: the youthinmind authorisation). */
  licence: z.string().min(1).optional(),
  title: z.string().min(1).optional(),
  items: z.record(
    z.string().min(1),
    z.strictObject({
      text: z.string().min(1).optional(),
      /** Option code → the option's wording. */
      answerOptions: z.record(z.string().min(1), z.string().min(1)).optional(),
    }),
  ),
});

export type TextPack = z.output<typeof textPackSchema>;

/** Throws a ZodError naming what is wrong with the pack. */
export function parseTextPack(json: unknown): TextPack {
  return textPackSchema.parse(json);
}
