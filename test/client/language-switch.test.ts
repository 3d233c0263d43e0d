import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DigitsSelect, LanguageSelect } from '../../client/src/components/LanguageSelect.js';
import { useI18n } from '../../client/src/i18n/i18n-context.js';
import { kurmanjiInArabicScript } from '../../client/src/i18n/kurmanji-script.js';
import { directionOf, findLanguage } from '../../client/src/i18n/languages.js';
import { memoryStorage, renderMarkup } from './support/render.js';

/** What a page shows in the language chosen: a message, a date, a number and the direction. */
function Probe() {
  const { t, language, formatDate, formatNumber } = useI18n();
  return createElement('p', { dir: language.dir, lang: language.code }, `${t('login.title')} | ${formatDate('2026-03-14')} | ${formatNumber(27)}`);
}

function openAt(search: string, storage = memoryStorage()): Storage {
  vi.stubGlobal('window', { location: { search } });
  vi.stubGlobal('localStorage', storage);
  return storage;
}

const page = () => renderMarkup(createElement('div', null, createElement(LanguageSelect), createElement(DigitsSelect), createElement(Probe)));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the language switch', () => {
  it('BCP 47 tags, case-insensitively; plain kmr is Kurmanji in Latin script', () => {
    expect(findLanguage('kmr-Arab')?.dir).toBe('rtl');
    expect(findLanguage('KMR-arab')?.code).toBe('kmr-Arab');
    expect(findLanguage('kmr')?.code).toBe('kmr-Latn');
    expect(findLanguage('kmr-Latn')?.textPackLanguage).toBe('kmr');
    expect(findLanguage('xx')).toBeUndefined();
    expect(directionOf('kmr-Arab')).toBe('rtl');
    expect(directionOf('ku-Arab-IQ')).toBe('rtl');
  });

  it('/?lang=kmr-Arab opens in Bahdini, right to left, and remembers it', () => {
    const storage = openAt('?lang=kmr-Arab');
    const html = page();
    expect(html).toMatch(/<option value="kmr-Arab" lang="kmr-Arab" dir="rtl" selected="">کوردی \(بادینی\)<\/option>/);
    expect(html).toContain('<p dir="rtl" lang="kmr-Arab">تێکەتن |');
    expect(storage.getItem('hiwa.language')).toBe('kmr-Arab');

    // the next visit, without ?lang=, opens in the remembered language
    openAt('', storage);
    expect(page()).toContain('lang="kmr-Arab">تێکەتن');
  });

  it('Sorani and Bahdini dates are not US English; one digit style per page, Eastern Arabic on request', () => {
    openAt('?lang=ckb');
    const latin = page();
    expect(latin).not.toMatch(/March|Mar/);
    expect(latin).toMatch(/\| [^|]*2026[^|]* \| 27<\/p>/);
    expect(latin.split('</select>').pop()).not.toMatch(/[٠-٩]/);

    const storage = memoryStorage();
    storage.setItem('hiwa.digits', 'arab');
    openAt('?lang=kmr-Arab', storage);
    const eastern = page();
    expect(eastern).toMatch(/<option value="arab" selected="">/);
    expect(eastern).toMatch(/\| [^|]*٢٠٢٦[^|]* \| ٢٧<\/p>/);
    expect(eastern.split('</select>').pop()).not.toMatch(/[0-9]/);
  });

  it('an old link with ?lang=kmr still opens Kurmanji (Latin script, left to right)', () => {
    openAt('?lang=kmr');
    expect(page()).toContain('<p dir="ltr" lang="kmr-Latn">Têketin |');
  });

  it('Bahdini text is spelled in Arabic script, leaving placeholders and acronyms alone', () => {
    expect(kurmanjiInArabicScript('Wek {name} ({role}) ketî')).toBe('وەک {name} ({role}) کەتی');
    expect(kurmanjiInArabicScript('Bi PHQ-9 binirxîne?')).toBe('ب PHQ-9 بنرخینە؟');
  });
});
