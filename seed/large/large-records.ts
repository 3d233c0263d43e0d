import type { Questionnaire, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import type { ScoringSettings } from '../../questionnaires/index.js';
import { responseYield } from '../../server/clinical/response-yield.js';
import type { DemoContext } from '../demo-data/context.js';
import { personCourse } from '../demo-data/course.js';
import { demoPerson } from '../demo-data/people.js';
import { definition } from '../demo-data/responses.js';
import type { RosterEntry } from '../demo-data/roster.js';
import { uuidFrom } from '../demo-data/time.js';
import { randomFor } from '../prng.js';

/** The shipped forms by canonical (`url|version`), for scoring a response against the form it answers. */
const forms = new Map<string, Questionnaire>(
  ['PHQ9', 'SRQ20', 'SDQ_P4_17'].map((name) => {
    const q = definition(name);
    return [`${q.url}|${q.version}`, q];
  }),
);

/**
 * The records of beneficiary `index` of the large data set, as they stand at the end: the same course the
 * demo's generated caseload follows (registration, consents, case, sessions, responses), each resource at its
 * final state as one version, plus the score Observations (and any risk Flag) that the real scoring path
 * (`responseYield`, which the write rule uses) gives for each response. Stories and group meetings, which
 * need the server's rules to look things up as they happen, are left out. A pure function of its arguments.
 */
export function largeRecords(context: DemoContext, entry: RosterEntry, index: number, settings: ScoringSettings): Resource[] {
  const person = demoPerson(context, { ...entry, story: undefined }, index);
  const course = personCourse(person, context, entry.sessions === undefined ? {} : { closeAfterSessions: entry.sessions });
  const latest = new Map<string, Resource>();
  for (const step of course.steps) {
    if (step.kind === 'create') for (const r of step.resources) latest.set(r.id as string, r);
    else if (step.kind === 'update') latest.set(step.resource.id as string, step.resource);
  }
  latest.set(course.episode.id, course.episode);
  const derivedIds = randomFor(context.seed, 'large-derived', index);
  const derived: Resource[] = [];
  for (const resource of latest.values()) {
    if (resource.resourceType !== 'QuestionnaireResponse') continue;
    const response = resource as QuestionnaireResponse;
    const form = forms.get(response.questionnaire ?? '');
    if (form === undefined) continue;
    const at = new Date(response.authored ?? context.now.toISOString());
    const scored = responseYield(form, response, { settings, now: at, responseReference: `QuestionnaireResponse/${response.id}` });
    for (const r of [...scored.observations, ...(scored.flag === undefined ? [] : [scored.flag])]) {
      derived.push({ ...r, id: uuidFrom(derivedIds) });
    }
  }
  return [...latest.values(), ...derived];
}
