import type { Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import { allItems } from './questionnaire-items.js';
import type { TextPack } from './text-pack.js';

export const TEXT_PACK_NOTICE_LINK_ID = 'hiwa-text-pack-notice';

export type TextPackNoticeCode =
  /** The definition carries no wording (SDQ) and no pack is installed: item numbers are shown. */
  | 'wording-not-installed'
  /** No pack for this language: the definition's own wording (another language) is shown. */
  | 'translation-not-installed'
  /** The pack given is for another questionnaire or language and was not used. */
  | 'text-pack-mismatch'
  /** The pack lacks wording for some items, which keep the definition's text. */
  | 'text-pack-incomplete';

export interface TextPackNotice {
  code: TextPackNoticeCode;
  language: string;
  message: string;
}

export interface LocalizedQuestionnaire {
  questionnaire: Questionnaire;
  /** Also shown as a display item at the top of the form, so any renderer shows it. */
  notice?: TextPackNotice;
  /** The pack's review status, for the UI to show beside drafts. */
  reviewStatus?: string;
  /** Items whose text or option wording the pack lacks. */
  untranslatedLinkIds: string[];
  /** linkIds in the pack that the Questionnaire does not have (a pack for another version). */
  unknownLinkIds: string[];
}

/**
 * The Questionnaire in `language`: wording from the pack where it has it, the definition's text elsewhere.
 * Never invents wording: without a pack the definition's text (or, for the SDQ, the item numbers) stays,
 * with a notice saying so. Pure: returns a new Questionnaire.
 */
export function applyTextPack(questionnaire: Questionnaire, pack: TextPack | undefined, language: string): LocalizedQuestionnaire {
  const title = questionnaire.title ?? questionnaire.name ?? 'this form';
  const usable = pack !== undefined && pack.questionnaire === questionnaire.name && pack.language === language;
  if (!usable) {
    if (questionnaire.language === language && pack === undefined) return { questionnaire: structuredClone(questionnaire), untranslatedLinkIds: [], unknownLinkIds: [] };
    const notice = noticeWithoutPack(questionnaire, pack, language, title);
    return { questionnaire: withNotice(structuredClone(questionnaire), notice), notice, untranslatedLinkIds: [], unknownLinkIds: [] };
  }

  const untranslatedLinkIds: string[] = [];
  const localized: Questionnaire = {
    ...structuredClone(questionnaire),
    language,
    ...(pack.title === undefined ? {} : { title: pack.title }),
  };
  localized.item = localizeItems(localized.item, pack, untranslatedLinkIds);
  const known = new Set(allItems(questionnaire.item).map((item) => item.linkId));
  const unknownLinkIds = Object.keys(pack.items).filter((linkId) => !known.has(linkId));
  const result: LocalizedQuestionnaire = { questionnaire: localized, reviewStatus: pack.reviewStatus, untranslatedLinkIds, unknownLinkIds };
  if (untranslatedLinkIds.length === 0) return result;
  const notice: TextPackNotice = {
    code: 'text-pack-incomplete',
    language,
    message: `The ${language} wording of ${title} is incomplete: ${untranslatedLinkIds.length} item(s) keep the definition's text (${untranslatedLinkIds.join(', ')}).`,
  };
  return { ...result, questionnaire: withNotice(localized, notice), notice };
}

function localizeItems(items: QuestionnaireItem[] | undefined, pack: TextPack, untranslated: string[]): QuestionnaireItem[] | undefined {
  return items?.map((item) => {
    const wording = pack.items[item.linkId];
    const options = item.answerOption?.map((option) => {
      const code = option.valueCoding?.code;
      const text = code === undefined ? undefined : wording?.answerOptions?.[code];
      return text === undefined || option.valueCoding === undefined ? option : { ...option, valueCoding: { ...option.valueCoding, display: text } };
    });
    const missingText = item.text !== undefined && wording?.text === undefined;
    const missingOption = item.answerOption?.some((option) => option.valueCoding?.code !== undefined && wording?.answerOptions?.[option.valueCoding.code] === undefined) ?? false;
    if (missingText || missingOption) untranslated.push(item.linkId);
    return {
      ...item,
      ...(wording?.text === undefined ? {} : { text: wording.text }),
      ...(options === undefined ? {} : { answerOption: options }),
      ...(item.item === undefined ? {} : { item: localizeItems(item.item, pack, untranslated) }),
    };
  });
}

function noticeWithoutPack(questionnaire: Questionnaire, pack: TextPack | undefined, language: string, title: string): TextPackNotice {
  if (pack !== undefined) {
    return {
      code: 'text-pack-mismatch',
      language,
      message: `The text pack given is for ${pack.questionnaire} in ${pack.language}, not ${questionnaire.name ?? title} in ${language}; it was not used.`,
    };
  }
  if (questionnaire.language === undefined) {
    return {
      code: 'wording-not-installed',
      language,
      message: `The wording of ${title} is not installed for ${language}: item numbers are shown. The organisation installs it from its authorised copy.`,
    };
  }
  return {
    code: 'translation-not-installed',
    language,
    message: `No ${language} wording of ${title} is installed: the questions are shown in ${questionnaire.language}, as shipped.`,
  };
}

function withNotice(questionnaire: Questionnaire, notice: TextPackNotice): Questionnaire {
  const display: QuestionnaireItem = { linkId: TEXT_PACK_NOTICE_LINK_ID, type: 'display', text: notice.message };
  return { ...questionnaire, item: [display, ...(questionnaire.item ?? [])] };
}
