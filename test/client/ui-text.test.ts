import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../client/src/i18n/format-message.js';
import { languages } from '../../client/src/i18n/languages.js';
import { en, type MessageKey } from '../../client/src/i18n/messages-en.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the interface text', () => {
  it.each(languages.filter((l) => l.code !== 'en').map((l) => [l.code, l] as const))('%s: every message filled, with the same placeholders as English', (_code, language) => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(language.messages[key].trim(), key).not.toBe('');
      expect(placeholders(language.messages[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('drafts are marked as drafts; Arabic, Sorani and Bahdini (Kurmanji in Arabic script) run right to left', () => {
    expect(languages.map((l) => [l.code, l.dir, Boolean(l.reviewStatus)])).toEqual([
      ['en', 'ltr', false],
      ['ar', 'rtl', true],
      ['ckb', 'rtl', true],
      ['kmr-Arab', 'rtl', true],
      ['kmr-Latn', 'ltr', true],
    ]);
  });

  it('fills placeholders and leaves a missing one visible', () => {
    expect(formatMessage('{a} of {b}', { a: 1 })).toBe('1 of {b}');
  });
});
