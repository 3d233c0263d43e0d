import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { TEXT_PACK_NOTICE_LINK_ID } from '../../../../questionnaires/apply-text-pack.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { DisplayText } from './DisplayText.js';

/** A display item; the server's text-pack notice (no wording for this language) is set apart as a notice. */
export function DisplayItem({ item }: { item: QuestionnaireItem }) {
  const { t } = useI18n();
  const isNotice = item.linkId === TEXT_PACK_NOTICE_LINK_ID;
  return <DisplayText text={item.text ?? ''} {...(isNotice ? { noticeHeading: t('screening.wordingNotice') } : {})} />;
}
