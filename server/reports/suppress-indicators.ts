import { COMPONENT_SEPARATOR, type Indicator } from './indicator.js';
import { suppressCells, type Equation } from './suppression.js';

/** The default smallest count published outside the organisation. */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

const countKey = (indicator: string): string => indicator;
const stratumKey = (indicator: string, stratifier: string, value: string): string => `${indicator}\u0000${stratifier}\u0000${value}`;

/**
 * Indicators as they may leave the organisation: counts below `threshold` and their complements are null
 * (see suppressCells), and a score is withheld when its own count or its base is suppressed, since a rate
 * next to a published denominator would give the numerator back.
 */
export function suppressIndicators(indicators: readonly Indicator[], threshold: number): Indicator[] {
  const values = new Map<string, number>();
  const equations: Equation[] = [];
  for (const ind of indicators) {
    if (ind.count !== null) values.set(countKey(ind.code), ind.count);
    if (ind.sameCountAs !== undefined) equations.push({ total: countKey(ind.code), parts: [countKey(ind.sameCountAs)] });
    for (const s of ind.stratifiers) {
      for (const st of s.strata) if (st.count !== null) values.set(stratumKey(ind.code, s.code, st.value), st.count);
      equations.push({ total: countKey(ind.code), parts: s.strata.map((st) => stratumKey(ind.code, s.code, st.value)) });
      equations.push(...crossEquations(ind, s.code, s.components, s.strata.map((st) => st.value)));
    }
  }
  const hidden = suppressCells({ values, equations }, threshold);
  const shown = (key: string, count: number | null): number | null => (count === null || hidden.has(key) ? null : count);
  const out = indicators.map((ind) => ({
    ...ind,
    count: shown(countKey(ind.code), ind.count),
    stratifiers: ind.stratifiers.map((s) => ({ ...s, strata: s.strata.map((st) => ({ ...st, count: shown(stratumKey(ind.code, s.code, st.value), st.count) })) })),
  }));
  const byCode = new Map(out.map((i) => [i.code, i]));
  return out.map((ind) => {
    if (ind.score === undefined) return ind;
    const base = ind.scoreBase === undefined ? ind : byCode.get(ind.scoreBase);
    const withheld = ind.count === null || base === undefined || base.count === null || (base.count > 0 && base.count < threshold);
    return withheld ? { ...ind, score: { ...ind.score, value: null } } : ind;
  });
}

/**
 * A cross-tabulation's strata add up to the strata of each component's own stratifier, where the indicator
 * publishes one (gender × age group sums to the gender strata and to the age-group strata).
 */
function crossEquations(ind: Indicator, code: string, components: readonly string[] | undefined, values: readonly string[]): Equation[] {
  if (components === undefined) return [];
  const equations: Equation[] = [];
  components.forEach((component, position) => {
    const own = ind.stratifiers.find((s) => s.code === component && s.components === undefined);
    if (own === undefined) return;
    for (const stratum of own.strata) {
      const parts = values.filter((v) => v.split(COMPONENT_SEPARATOR)[position] === stratum.value).map((v) => stratumKey(ind.code, code, v));
      equations.push({ total: stratumKey(ind.code, component, stratum.value), parts });
    }
  });
  return equations;
}
