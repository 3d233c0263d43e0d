import type { CodeSystem, CodeSystemConcept, ValueSet, ValueSetComposeInclude } from '@medplum/fhirtypes';

/** The codes of an expanded value set, grouped by code system URL. */
export type Expansion = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Enough terminology to decide membership in the value sets FHIR and Hiwa define by enumeration: code systems
 * Hiwa holds in full, explicit concept lists and other such value sets. A value set that needs anything else
 * (filters, SNOMED CT, LOINC, MIME types, a code system we only have a fragment of) has no expansion, and
 * callers skip it: a partial expansion would reject valid codes.
 */
export class Terminology {
  /** every code of each complete code system; the concepts themselves are not kept, to spare memory */
  private readonly codeSystems = new Map<string, ReadonlySet<string>>();
  private readonly valueSets = new Map<string, ValueSet>();
  /** memo: null marks a value set that cannot be expanded */
  private readonly expansions = new Map<string, Expansion | null>();

  addCodeSystem(codeSystem: CodeSystem): void {
    if (codeSystem.url && codeSystem.content === 'complete') {
      const codes = new Set<string>();
      collectCodes(codeSystem.concept ?? [], codes);
      this.codeSystems.set(codeSystem.url, codes);
    }
  }

  addValueSet(valueSet: ValueSet): void {
    if (valueSet.url) {
      this.valueSets.set(valueSet.url, valueSet);
    }
  }

  getValueSet(url: string): ValueSet | undefined {
    return this.valueSets.get(withoutVersion(url));
  }

  /** The expansion of a value set, or undefined when it is unknown or cannot be expanded from what we hold. */
  expand(url: string): Expansion | undefined {
    return this.expandGuarded(withoutVersion(url), new Set()) ?? undefined;
  }

  private expandGuarded(url: string, inProgress: Set<string>): Expansion | null {
    const memo = this.expansions.get(url);
    if (memo !== undefined) {
      return memo;
    }
    if (inProgress.has(url)) {
      return null; // a value set including itself through others
    }
    inProgress.add(url);
    const valueSet = this.valueSets.get(url);
    const expansion = valueSet ? this.expandValueSet(valueSet, inProgress) : null;
    inProgress.delete(url);
    this.expansions.set(url, expansion);
    return expansion;
  }

  private expandValueSet(valueSet: ValueSet, inProgress: Set<string>): Expansion | null {
    const compose = valueSet.compose;
    if (!compose) {
      return null;
    }
    const result = new Map<string, Set<string>>();
    for (const include of compose.include) {
      const part = this.expandInclude(include, inProgress);
      if (!part) {
        return null;
      }
      for (const [system, codes] of part) {
        const into = result.get(system) ?? new Set<string>();
        codes.forEach((code) => into.add(code));
        result.set(system, into);
      }
    }
    for (const exclude of compose.exclude ?? []) {
      if (!exclude.system || !exclude.concept || exclude.filter || exclude.valueSet) {
        return null;
      }
      exclude.concept.forEach((concept) => result.get(exclude.system as string)?.delete(concept.code as string));
    }
    return result;
  }

  private expandInclude(include: ValueSetComposeInclude, inProgress: Set<string>): Expansion | null {
    if (include.filter?.length) {
      return null;
    }
    if (include.valueSet?.length) {
      // `system` together with `valueSet` means their intersection; no R4 binding Hiwa checks needs it
      if (include.system || include.valueSet.length > 1) {
        return null;
      }
      return this.expandGuarded(withoutVersion(include.valueSet[0]), inProgress);
    }
    if (!include.system) {
      return null;
    }
    if (include.concept?.length) {
      return new Map([[include.system, new Set(include.concept.map((c) => c.code as string))]]);
    }
    const codes = this.codeSystems.get(include.system);
    return codes ? new Map([[include.system, codes]]) : null;
  }
}

function collectCodes(concepts: CodeSystemConcept[], into: Set<string>): void {
  for (const concept of concepts) {
    if (concept.code) {
      into.add(concept.code);
    }
    if (concept.concept) {
      collectCodes(concept.concept, into);
    }
  }
}

/** Canonical references may pin a version (`…/administrative-gender|4.0.1`); Hiwa holds one version of each. */
function withoutVersion(url: string): string {
  const bar = url.indexOf('|');
  return bar < 0 ? url : url.slice(0, bar);
}
