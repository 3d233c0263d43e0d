import type { Consent, Organization, Patient, QuestionnaireResponse, Reference, RelatedPerson } from '@medplum/fhirtypes';
import { issue, unprocessable } from '../fhir/outcomes.js';
import { parseReference } from '../fhir/search/index-text.js';
import type { Repository, WriteRule } from '../store/repository.js';
import { importsHistory } from './clinicians.js';
import { CONSENT_FORM_URL, readConsentForm, type ConsentFormAnswers } from './consent-form.js';
import { consentsFromForm, consentsWithdrawnByForm, decideRespondent, refusesAnything, type Respondent } from './consent-extraction.js';
import { findResources } from './find-resources.js';
import { parseCanonical } from './questionnaire-canonical.js';
import type { WorkflowSettings } from './workflow-settings.js';

/**
 * A completed consent form becomes the patient's Consent resources, one per purpose agreed, in the same
 * transaction as the form (a refusal of the form rolls both back). For a child the caregiver is the
 * RelatedPerson the response names as its `source`, or one recorded from the form's caregiver name and
 * relationship. Extracted once, when the form is first completed: later a Consent is changed (withdrawn) on
 * the Consent itself, and a new conversation is a new form, whose No to a purpose withdraws the patient's
 * earlier Consents of it (consentsWithdrawnByForm).
 */
export function consentExtractionRule(settings: WorkflowSettings): WriteRule {
  return {
    resourceTypes: ['QuestionnaireResponse'],
    async afterWrite(repo, stored, previous) {
      const response = stored as QuestionnaireResponse & { id: string };
      if (!isCompletedConsentForm(response) || (previous !== undefined && isCompletedConsentForm(previous as QuestionnaireResponse))) return;
      if (importsHistory(repo.caller)) return; // a migration imports the Consents as the legacy system held them
      const { targetType, targetId } = parseReference(response.subject?.reference ?? '');
      if (targetType !== 'Patient' || !targetId) {
        throw unprocessable([issue('required', 'A consent form is about a patient (subject Patient/…)', 'QuestionnaireResponse.subject')]);
      }
      const [patient] = await findResources<Patient>(repo.asServer('the patient of a consent form'), 'Patient', [['_id', targetId]]);
      const form = readConsentForm(response);
      const source = parseReference(response.source?.reference ?? '').targetType === 'RelatedPerson' ? (response.source as Reference<RelatedPerson>) : undefined;
      const decided = decideRespondent(form, ageAt(patient, form.consentDate ?? response.authored ?? repo.now().toISOString()), settings, source !== undefined);
      if ('problems' in decided) {
        throw unprocessable(
          decided.problems.map((p) => issue('required', p.message, [`QuestionnaireResponse.descendants().where(linkId = '${p.linkId}')`])),
        );
      }
      const caregiver = await caregiverOf(repo, decided.respondent, source, form, targetId);
      const facts = {
        response,
        patient: { reference: `Patient/${targetId}` },
        respondent: decided.respondent,
        ...(caregiver === undefined ? {} : { caregiver }),
        ...(patient?.managingOrganization === undefined ? {} : { organization: { reference: patient.managingOrganization.reference } }),
        receivingOrganizations: await receivingOrganizations(repo, form),
        timeZone: settings.timeZone,
      };
      const consents = consentsFromForm(form, facts);
      if (consents.length > 0) await repo.createMany(consents);
      // What the person refuses now ends what they agreed on an earlier form, whoever recorded that one: each
      // Consent withdrawn as if by hand (its grants end, the case gets a consent-withdrawn Task).
      if (!refusesAnything(form, facts)) return;
      const server = repo.asServer('consent refused on a later consent form');
      const earlier = (await findResources<Consent>(server, 'Consent', [['patient', `Patient/${targetId}`], ['status', 'active']])).filter(
        (c) => c.sourceReference?.reference !== `QuestionnaireResponse/${response.id}`,
      );
      for (const consent of consentsWithdrawnByForm(form, facts, earlier)) await server.update({ ...consent, status: 'inactive' });
    },
  };
}

function isCompletedConsentForm(response: QuestionnaireResponse): boolean {
  return (response.status === 'completed' || response.status === 'amended') && parseCanonical(response.questionnaire ?? '').url === CONSENT_FORM_URL;
}

/** Whole years of age on a date, from the birth date (a year alone counts from the middle of that year); undefined without one. */
export function ageAt(patient: Patient | undefined, date: string): number | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(patient?.birthDate ?? '');
  if (m === null) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2] ?? 7), Number(m[3] ?? 1)];
  const on = new Date(date);
  const birthdayPassed = on.getUTCMonth() + 1 > month || (on.getUTCMonth() + 1 === month && on.getUTCDate() >= day);
  return on.getUTCFullYear() - year - (birthdayPassed ? 0 : 1);
}

/** The caregiver who consented: the response's source, or a RelatedPerson recorded from the form now. */
async function caregiverOf(repo: Repository, respondent: Respondent, source: Reference<RelatedPerson> | undefined, form: ConsentFormAnswers, patientId: string): Promise<Reference<RelatedPerson> | undefined> {
  if (respondent.kind !== 'caregiver') return undefined;
  if (source !== undefined) return source;
  const relationship = form.caregiverRelationship;
  const caregiver: RelatedPerson = {
    resourceType: 'RelatedPerson',
    patient: { reference: `Patient/${patientId}` },
    active: true,
    name: [{ text: form.caregiverName }],
    relationship: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'GUARD', display: 'guardian' }], text: 'Caregiver who consents' },
      ...(relationship === undefined ? [] : [{ coding: [relationship], ...(relationship.display === undefined ? {} : { text: relationship.display }) }]),
    ],
  };
  const created = await repo.create(caregiver);
  return { reference: `RelatedPerson/${created.resource.id}`, ...(form.caregiverName === undefined ? {} : { display: form.caregiverName }) };
}

/**
 * The organisations the form names for sharing, as the directory knows them: `Organization/{id}`, or an
 * organisation whose name is exactly the text written. Anything else stays a name (an outside provider).
 */
async function receivingOrganizations(repo: Repository, form: ConsentFormAnswers): Promise<Map<string, Reference<Organization>>> {
  const found = new Map<string, Reference<Organization>>();
  const directory = repo.asServer('receiving organisations of a consent form');
  for (const { organisation } of form.sharing) {
    const { targetType, targetId } = parseReference(organisation);
    const params: [string, string][] = targetType === 'Organization' && targetId ? [['_id', targetId]] : [['name:exact', organisation]];
    const [match] = await findResources<Organization>(directory, 'Organization', params, 2);
    if (match !== undefined) found.set(organisation, { reference: `Organization/${match.id}`, ...(match.name === undefined ? {} : { display: match.name }) });
  }
  return found;
}
