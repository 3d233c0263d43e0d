import type { Practitioner, QuestionnaireResponse, Reference } from '@medplum/fhirtypes';
import { PHQ9_DIFFICULTY_LINK_ID, PHQ9_ITEM_LINK_IDS, PHQ9_SUICIDE_ITEM_LINK_ID } from '../../questionnaires/scoring/phq9.js';
import { SRQ20_ITEM_LINK_IDS, SRQ20_SUICIDE_ITEM_LINK_ID } from '../../questionnaires/scoring/srq20.js';
import type { Random } from '../prng.js';
import type { DemoPerson } from './people.js';
import { completedResponse, definition, type Answers, type ResponseFacts } from './responses.js';
import { instant } from './time.js';

/** Where and by whom a screening was done. */
export interface ScreeningVisit {
  person: DemoPerson;
  author: Reference<Practitioner>;
  at: Date;
  encounterId: string;
}

export interface ScreeningChoice {
  /** PHQ-9 item 9 weight (1 several days, 2 more than half the days, 3 nearly every day); otherwise 0, no risk */
  phq9Item9?: number;
  /** SRQ-20 item 17 (thoughts of ending one's life); otherwise No */
  srq20Item17?: boolean;
  /** a quick check with one instrument instead of both */
  only?: 'PHQ9' | 'SRQ20';
}

/**
 * The instruments given at a visit, answered so that their scores follow `severity` (0–1): SRQ-20 and PHQ-9 for
 * adults, the parent SDQ (answered by the caregiver) for children. Scores, bands, Flags and Tasks are left to
 * the server's rules.
 */
export function screeningResponses(visit: ScreeningVisit, severity: number, choice: ScreeningChoice = {}): QuestionnaireResponse[] {
  if (visit.person.caregiver !== undefined) return [sdqParentResponse(visit, severity)];
  return [
    ...(choice.only === 'PHQ9' ? [] : [srq20Response(visit, severity, choice.srq20Item17 ?? false)]),
    ...(choice.only === 'SRQ20' ? [] : [phq9Response(visit, severity, choice.phq9Item9 ?? 0)]),
  ];
}

function facts(visit: ScreeningVisit, source?: ResponseFacts['source']): ResponseFacts {
  return {
    id: visit.person.newId(),
    subject: visit.person.reference,
    encounter: { reference: `Encounter/${visit.encounterId}` },
    author: visit.author,
    ...(source === undefined ? {} : { source }),
    authored: instant(visit.at),
  };
}

/** PHQ-9: the total (about 24 × severity) spread over items 1–8, mood, sleep and energy first; item 9 as given. */
function phq9Response(visit: ScreeningVisit, severity: number, item9: number): QuestionnaireResponse {
  const items = PHQ9_ITEM_LINK_IDS.filter((id) => id !== PHQ9_SUICIDE_ITEM_LINK_ID);
  const total = Math.min(24, Math.max(1, Math.round(severity * 24 + visit.person.rnd.int(-1, 1))));
  const weights = spread(visit.person.rnd, total, items.map((_, i) => (i < 4 ? 3 : i < 7 ? 2 : 1)), 3);
  const answers: Record<string, Answers[string]> = Object.fromEntries(items.map((id, i) => [id, { weight: weights[i] }]));
  answers[PHQ9_SUICIDE_ITEM_LINK_ID] = { weight: item9 };
  const sum = total + item9;
  // Item 10 has no weight; its options are coded LOINC answers, not in numeric order.
  answers[PHQ9_DIFFICULTY_LINK_ID] = sum < 5 ? 'LA6572-7' : sum < 10 ? 'LA6573-5' : sum < 20 ? 'LA6575-0' : 'LA6574-3';
  return completedResponse('PHQ9', facts(visit), answers);
}

/** SRQ-20: about 18 × severity Yes answers among the items people most often endorse; item 17 as given. */
function srq20Response(visit: ScreeningVisit, severity: number, item17: boolean): QuestionnaireResponse {
  const items = SRQ20_ITEM_LINK_IDS.filter((id) => id !== SRQ20_SUICIDE_ITEM_LINK_ID);
  const yes = Math.min(18, Math.max(0, Math.round(severity * 18 + visit.person.rnd.int(-1, 1))));
  // Headaches, sleep, nervousness, unhappiness and tiredness are endorsed most; shaking hands, worthlessness least.
  const common = new Set(['srq20-1', 'srq20-3', 'srq20-6', 'srq20-9', 'srq20-18', 'srq20-20']);
  const rare = new Set(['srq20-5', 'srq20-14', 'srq20-16']);
  const chosen = spread(visit.person.rnd, yes, items.map((id) => (common.has(id) ? 3 : rare.has(id) ? 1 : 2)), 1);
  const answers = Object.fromEntries(items.map((id, i) => [id, { weight: chosen[i] }]));
  return completedResponse('SRQ20', facts(visit), { ...answers, [SRQ20_SUICIDE_ITEM_LINK_ID]: { weight: item17 ? 1 : 0 } });
}

/** Items worded as strengths (prosocial, and the reverse-scored ones): a child with difficulties is less often "certainly" so. */
const STRENGTH_ITEMS = new Set([1, 4, 7, 9, 11, 14, 17, 20, 21, 25]);
const SDQ_LEVELS = ['not-true', 'somewhat-true', 'certainly-true'] as const;
const IMPACT_LEVELS = ['not-at-all', 'only-a-little', 'quite-a-lot', 'a-great-deal'] as const;

/** SDQ parent 4–17, given by the caregiver, with the impact supplement. */
function sdqParentResponse(visit: ScreeningVisit, difficulty: number): QuestionnaireResponse {
  const { rnd, caregiver } = visit.person;
  const level = (): number => {
    const r = rnd.next();
    return r < difficulty * 0.45 ? 2 : r < 0.25 + difficulty * 0.55 ? 1 : 0;
  };
  const answers: Record<string, Answers[string]> = {};
  for (const item of definition('SDQ_P4_17').item ?? []) {
    const number = /^sdq-(\d\d)-/.exec(item.linkId)?.[1];
    if (number === undefined) continue;
    const problem = level();
    answers[item.linkId] = SDQ_LEVELS[STRENGTH_ITEMS.has(Number(number)) ? 2 - problem : problem];
  }
  const overall = difficulty > 0.45 ? 'yes-definite' : difficulty > 0.3 ? 'yes-minor' : 'no';
  answers['sdq-impact-overall'] = overall;
  if (overall !== 'no') {
    const impact = (): string => IMPACT_LEVELS[Math.min(3, Math.round(difficulty * 3 * rnd.next() + difficulty))];
    answers['sdq-impact-chronicity'] = rnd.pick(['6-12-months', 'over-1-year']);
    for (const part of ['distress', 'home', 'friendships', 'classroom', 'leisure', 'burden']) answers[`sdq-impact-${part}`] = impact();
  }
  return completedResponse('SDQ_P4_17', facts(visit, caregiver && { reference: `RelatedPerson/${caregiver.id}` }), answers);
}

/**
 * `total` points spread over items, each at most `max`, each point going to an item with room left in
 * proportion to the item's weight: the same total comes out as different, plausible answer patterns.
 */
function spread(rnd: Random, total: number, weights: readonly number[], max: number): number[] {
  const values = weights.map(() => 0);
  for (let point = 0; point < total; point++) {
    const open = weights.map((w, i) => [i, values[i] < max ? w : 0] as const).filter(([, w]) => w > 0);
    if (open.length === 0) break;
    values[rnd.weighted(open)] += 1;
  }
  return values;
}
