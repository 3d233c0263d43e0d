import { compareWords, type WordAgreement } from './name-compare.js';
import type { NameWord } from './name-words.js';
import type { BirthFacts, MatchFacts, NameFacts } from './match-facts.js';

/** FHIR's match-grade codes (http://hl7.org/fhir/StructureDefinition/match-grade). */
export type MatchGrade = 'certain' | 'probable' | 'possible' | 'certainly-not';

export interface MatchResult {
  /** 0–1: how likely the two records are one person */
  score: number;
  /** the sum of the evidence, which orders matches whose rounded scores are equal */
  points: number;
  grade: MatchGrade;
  /** the evidence in log-odds points, by what was compared (for explanations and tuning) */
  evidence: Record<string, number>;
}

/**
 * Evidence for and against, in log-odds points, per thing compared (after Fellegi and Sunter): agreement
 * on something rare between strangers counts for, disagreement on something that rarely changes counts
 * against, and what one record lacks counts for nothing. The person's own name weighs most; a different
 * own name weighs more than any agreement elsewhere, since brothers and sisters share everything else.
 */
const NAME_WEIGHTS: Record<keyof NameFacts, Record<WordAgreement, number>> = {
  first: { same: 4, variant: 3.5, similar: 1.5, different: -7 },
  father: { same: 2.5, variant: 2, similar: 0.5, different: -3 },
  grandfather: { same: 1, variant: 1, similar: 0.3, different: -1.5 },
  family: { same: 3, variant: 2.5, similar: 1, different: -3 },
};

/** The points two records start from: two records picked at random are almost never one person. */
const PRIOR = -7;

/** Thresholds on the sum of points. */
const CERTAIN = 10;
const PROBABLE = 3;
const POSSIBLE = 0;

export function scoreMatch(a: MatchFacts, b: MatchFacts): MatchResult {
  const evidence: Record<string, number> = { prior: PRIOR };
  const names = bestNames(a.names, b.names);
  Object.assign(evidence, names.points);
  evidence.birth = birthPoints(a.birth, b.birth);
  evidence.gender = a.gender && b.gender ? (a.gender === b.gender ? 0.5 : -8) : 0;
  evidence.phone = a.phones.length > 0 && b.phones.length > 0 ? (a.phones.some((p) => b.phones.includes(p)) ? 4 : -1) : 0;
  evidence.place = placePoints(a, b);
  const total = Object.values(evidence).reduce((sum, p) => sum + p, 0);
  return { score: round(1 / (1 + Math.exp(-total))), points: total, grade: gradeOf(total, names.agreements), evidence };
}

function gradeOf(total: number, agreements: Partial<Record<keyof NameFacts, WordAgreement>>): MatchGrade {
  const agrees = (a: WordAgreement | undefined) => a === 'same' || a === 'variant';
  const namesAgree = agrees(agreements.first) && (agrees(agreements.family) || agrees(agreements.father));
  if (total >= CERTAIN && namesAgree) return 'certain';
  if (total >= PROBABLE) return 'probable';
  if (total >= POSSIBLE) return 'possible';
  return 'certainly-not';
}

interface NamePoints {
  points: Record<string, number>;
  agreements: Partial<Record<keyof NameFacts, WordAgreement>>;
}

/** The best-agreeing pair of written names (a person may be recorded in both scripts). */
function bestNames(as: NameFacts[], bs: NameFacts[]): NamePoints {
  let best: NamePoints = { points: {}, agreements: {} };
  let bestSum = -Infinity;
  for (const a of as) {
    for (const b of bs) {
      const candidate = namePoints(a, b);
      const sum = Object.values(candidate.points).reduce((s, p) => s + p, 0);
      if (sum > bestSum) {
        best = candidate;
        bestSum = sum;
      }
    }
  }
  return best;
}

function namePoints(a: NameFacts, b: NameFacts): NamePoints {
  const points: Record<string, number> = {};
  const agreements: NamePoints['agreements'] = {};
  for (const position of Object.keys(NAME_WEIGHTS) as (keyof NameFacts)[]) {
    const x: NameWord | undefined = a[position];
    const y: NameWord | undefined = b[position];
    if (x === undefined || y === undefined) continue;
    const agreement = compareWords(x, y);
    agreements[position] = agreement;
    points[position] = NAME_WEIGHTS[position][agreement];
  }
  return { points, agreements };
}

/**
 * Birth years: an age estimated at registration is often a year or two out, and more for older people,
 * so estimated years are given room; documented dates that differ are two people.
 */
function birthPoints(a: BirthFacts | undefined, b: BirthFacts | undefined): number {
  if (!a || !b) return 0;
  const gap = Math.abs(a.year - b.year);
  const documented = !a.estimated && !b.estimated;
  if (documented) {
    if (gap === 0) return a.monthDay === b.monthDay ? 3.5 : -2;
    if (gap === 1 && a.monthDay === b.monthDay) return 0.5;
  }
  const estimated = a.estimated || b.estimated;
  if (gap === 0) return estimated ? 1.5 : 2;
  if (gap === 1) return estimated ? 0.5 : -2;
  if (gap === 2) return estimated ? 0 : -4;
  if (gap === 3) return estimated ? -1 : -6;
  if (gap <= 5) return estimated ? -2.5 : -6;
  if (gap <= 8 && estimated) return -5;
  return -9;
}

function placePoints(a: MatchFacts, b: MatchFacts): number {
  let points = 0;
  if (a.governorate && b.governorate) points += a.governorate === b.governorate ? 0.3 : -0.7;
  if (a.district && b.district && a.district === b.district) points += 0.3;
  if (a.site && b.site && a.site === b.site) points += 0.4;
  return points;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
