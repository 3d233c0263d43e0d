import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { DISABILITY_URL, POPULATION_GROUP_URL } from './people.js';
import type { ScreeningVisit } from './screenings.js';
import { completedResponse, type Answers } from './responses.js';
import { DAY, dateOf, instant, plus } from './time.js';

const concerns = [
  'Cannot sleep since we left Sinjar; I keep thinking about my brother who is still missing.',
  'I feel tired all the time and I shout at the children. I do not enjoy anything any more.',
  'Since my father was killed I cannot stop crying and I do not leave home.',
  'I worry all day about money and about going back home; my head hurts every day.',
];

/**
 * The case-management form at intake, consistent with the person's record (population group, language,
 * disability) and with the distress their screenings show. For the person who is at risk it records the
 * suicidal thoughts and what was done about them.
 */
export function caseManagementResponse(visit: ScreeningVisit, atRisk: boolean): QuestionnaireResponse {
  const { person } = visit;
  const { rnd, patient } = person;
  const group = patient.extension?.find((e) => e.url === POPULATION_GROUP_URL)?.valueCoding?.code ?? 'idp';
  const displaced = group !== 'host-community';
  const language = patient.communication?.[0]?.language.coding?.[0]?.code ?? 'ar';
  const difficulty = (): string => (person.severity > 0.6 ? rnd.pick(['some', 'a-lot']) : rnd.pick(['none', 'some']));
  const answers: Answers = {
    'cm-assessment-date': dateOf(visit.at),
    'cm-modality': person.profile.modality,
    'cm-referral-source': rnd.pick(['self', 'family', 'community', 'health-facility']),
    'cm-preferred-language': language,
    'cm-interpreter-used': false,
    'cm-household-size': rnd.int(3, 9),
    'cm-household-children': rnd.int(1, 5),
    'cm-head-of-household': patient.gender === 'male' || patient.maritalStatus?.coding?.[0]?.code === 'W',
    'cm-lives-with': ['spouse', 'children'],
    'cm-income-source': rnd.pick(['daily-labour', 'assistance', 'none', 'remittances']),
    'cm-population-group': group,
    ...(displaced ? { 'cm-displaced-since': '2014-08-03', 'cm-times-displaced': rnd.int(1, 3) } : {}),
    'cm-shelter': person.site.name.includes('camp') ? 'camp' : rnd.pick(['rented', 'host-family', 'unfinished-building']),
    ...(displaced ? { 'cm-area-of-origin': rnd.pick(['Ninewa, Sinjar', 'Ninewa, Mosul', 'Ninewa, Al-Baaj']) } : {}),
    'cm-main-concern': concerns[person.index % concerns.length],
    'cm-difficulties': atRisk ? ['low-mood', 'sleep', 'grief', 'withdrawal'] : ['worry', 'sleep', 'bodily-complaints'],
    'cm-difficulties-duration': rnd.pick(['1-6-months', '6-12-months', 'over-1-year']),
    'cm-stressful-events': displaced ? ['displacement', 'loss-of-family-member'] : ['loss-of-livelihood'],
    'cm-previous-support': rnd.chance(0.3),
    'cm-current-medication': false,
    'cm-past-suicide-attempt': false,
    'cm-chronic-illness': rnd.chance(0.2),
    'cm-disability': patient.extension?.find((e) => e.url === DISABILITY_URL)?.valueCoding?.code ?? 'not-disclosed',
    'cm-risk-suicidal-thoughts': atRisk,
    ...(atRisk ? { 'cm-risk-suicide-plan': false } : {}),
    'cm-risk-recent-self-harm': false,
    'cm-risk-harm-to-others': false,
    'cm-risk-protection-concern': false,
    ...(atRisk
      ? {
          'cm-risk-actions':
            'Stayed with the person until the psychologist came; safety plan made the same day; family informed with their agreement.',
        }
      : {}),
    'cm-functioning-household': difficulty(),
    'cm-functioning-work': difficulty(),
    'cm-functioning-self-care': 'none',
    'cm-functioning-relationships': difficulty(),
    'cm-functioning-community': difficulty(),
    'cm-service-needs-list': displaced ? ['livelihoods', 'legal'] : ['livelihoods'],
    'cm-iasc-layer': atRisk ? 'layer-4' : 'layer-3',
    'cm-next-steps': atRisk
      ? 'Review by the psychologist today; weekly follow-up.'
      : `Emotional support sessions every two weeks; next visit ${dateOf(plus(visit.at, 14 * DAY))}.`,
  };
  return completedResponse(
    'CASE_MANAGEMENT',
    {
      id: person.newId(),
      subject: person.reference,
      encounter: { reference: `Encounter/${visit.encounterId}` },
      author: visit.author,
      authored: instant(visit.at),
    },
    answers,
  );
}
