// Where an answer lives in a form being filled in. A question outside any repeating group is keyed by its
// linkId alone; inside the n-th entry of a repeating group it is keyed under that entry, e.g.
// `sp-help-contact[2]/sp-help-contact-name`. Hiwa's linkIds hold neither `/` nor `[`, so a key reads back
// unambiguously (the Questionnaire definitions are checked for that in the tests).

/** The key of an item under `prefix` ('' at the top of the form, or an entry's prefix). */
export const itemKey = (prefix: string, linkId: string): string => `${prefix}${linkId}`;

/** The prefix of the items of one entry of a repeating group. */
export const entryPrefix = (groupKey: string, entryId: number): string => `${groupKey}[${entryId}]/`;

/** The linkId a key stands for. */
export const linkIdOfKey = (key: string): string => key.slice(key.lastIndexOf('/') + 1);
