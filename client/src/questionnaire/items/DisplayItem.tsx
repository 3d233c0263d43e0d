import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { TEXT_PACK_NOTICE_LINK_ID } from '../../../../questionnaires/apply-text-pack.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useFormContext } from '../form-context.js';
import { DisplayText } from './DisplayText.js';

/**
 * A display item. The server's text-pack notice (it has no wording for this language) is said again in the
 * interface language, with who can install the wording; the server words it in English.
 */
export function DisplayItem({ item }: { item: QuestionnaireItem }) {
  const { t, language } = useI18n();
  const { formLanguage } = useFormContext();
  if (item.linkId !== TEXT_PACK_NOTICE_LINK_ID) return <DisplayText text={item.text ?? ''} />;
  const params = { language: language.nativeName };
  const notice =
    formLanguage === undefined
      ? t('wording.numbersOnly')
      : formLanguage === language.textPackLanguage
        ? t('wording.incomplete', params)
        : t('wording.translationMissing', params);
  return <DisplayText text={notice} noticeHeading={t('screening.wordingNotice')} lang={language.code} dir={language.dir} />;
}
