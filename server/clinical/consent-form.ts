import type { Coding, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { indexAnswersByLinkId, type AnswerIndex } from '../../questionnaires/response-answers.js';

/** The consent form's canonical URL (questionnaires/definitions/consent.json). */
export const CONSENT_FORM_URL = 'https://hiwa.health/fhir/Questionnaire/CONSENT';

/** One receiving organisation of the form's repeating sharing group. */
export interface SharingAnswer {
  /** the organisation as written: a name from the directory, or `Organization/{id}` */
  organisation: string;
  /** Yes, No, or undefined when left unanswered (nothing is agreed, nor refused) */
  permitted?: boolean;
  purpose?: Coding;
  dataCategories: Coding[];
  /** YYYY-MM-DD */
  validUntil?: string;
}

/** What the consent form says, read by linkId; unanswered questions are undefined. */
export interface ConsentFormAnswers {
  personIsChild?: boolean;
  childOwnConsent?: boolean;
  caregiverName?: string;
  caregiverRelationship?: Coding;
  caregiverConsent?: boolean;
  childAssent?: boolean;
  services?: boolean;
  dataCollection?: boolean;
  electronicStorage?: boolean;
  sharing: SharingAnswer[];
  contact?: boolean;
  contactChannels: Coding[];
  /** shared with the Directorate of Health for health reporting */
  dohReporting?: boolean;
  research?: boolean;
  /** YYYY-MM-DD */
  consentDate?: string;
}

export function readConsentForm(response: QuestionnaireResponse): ConsentFormAnswers {
  const all = indexAnswersByLinkId(response);
  const sharingGroups = findItems(response.item, 'consent-sharing');
  return {
    personIsChild: bool(all, 'consent-person-is-child'),
    childOwnConsent: bool(all, 'consent-child-own-consent'),
    caregiverName: text(all, 'consent-caregiver-name'),
    caregiverRelationship: codings(all, 'consent-caregiver-relationship')[0],
    caregiverConsent: bool(all, 'consent-caregiver-consent'),
    childAssent: bool(all, 'consent-child-assent'),
    services: bool(all, 'consent-to-services'),
    dataCollection: bool(all, 'consent-to-data-collection'),
    electronicStorage: bool(all, 'consent-to-electronic-storage'),
    sharing: sharingGroups.flatMap((group) => {
      const answers = indexAnswersByLinkId({ resourceType: 'QuestionnaireResponse', status: 'completed', item: group.item ?? [] });
      const organisation = text(answers, 'consent-sharing-organisation');
      if (organisation === undefined) return [];
      return [
        {
          organisation,
          permitted: bool(answers, 'consent-sharing-permitted'),
          purpose: codings(answers, 'consent-sharing-purpose')[0],
          dataCategories: codings(answers, 'consent-sharing-data-categories'),
          validUntil: answers.get('consent-sharing-valid-until')?.[0]?.valueDate,
        },
      ];
    }),
    contact: bool(all, 'consent-to-contact'),
    contactChannels: codings(all, 'consent-contact-channels'),
    dohReporting: bool(all, 'consent-reporting-opt-in'),
    research: bool(all, 'consent-research-opt-in'),
    consentDate: all.get('consent-date')?.[0]?.valueDate,
  };
}

/** Every item with this linkId (a repeating group appears once per repetition). */
function findItems(items: readonly QuestionnaireResponseItem[] | undefined, linkId: string): QuestionnaireResponseItem[] {
  return (items ?? []).flatMap((item) => [
    ...(item.linkId === linkId ? [item] : []),
    ...findItems(item.item, linkId),
    ...(item.answer ?? []).flatMap((a) => findItems(a.item, linkId)),
  ]);
}

function bool(answers: AnswerIndex, linkId: string): boolean | undefined {
  return answers.get(linkId)?.[0]?.valueBoolean;
}

function text(answers: AnswerIndex, linkId: string): string | undefined {
  return answers.get(linkId)?.[0]?.valueString?.trim() || undefined;
}

function codings(answers: AnswerIndex, linkId: string): Coding[] {
  return (answers.get(linkId) ?? []).flatMap((a) => (a.valueCoding === undefined ? [] : [a.valueCoding]));
}
