import type { CodeSystem, Measure, Questionnaire, SearchParameter, StructureDefinition, ValueSet } from '@medplum/fhirtypes';
import { loadDefinitions } from '../../questionnaires/index.js';
import { listHiwaConformanceResources } from '../fhir/definitions.js';
import { measureDefinitions } from '../reports/measures.js';
import { FhirError } from '../fhir/outcomes.js';
import type { Logger } from '../logger.js';
import { ItemFailure, type Repository } from '../store/repository.js';
import { findResources } from './find-resources.js';
import { canonicalOf } from './questionnaire-canonical.js';

/** A resource Hiwa ships with a canonical url and version: its forms, conformance resources and measures. */
export type Definition = Questionnaire | StructureDefinition | SearchParameter | CodeSystem | ValueSet | Measure;

/** The Questionnaires, Hiwa's profiles, extensions, SearchParameters, CodeSystems and ValueSets, and its Measures. */
export function shippedDefinitions(): Definition[] {
  return [...loadDefinitions(), ...(listHiwaConformanceResources() as Definition[]), ...measureDefinitions()];
}

/**
 * Stores every definition Hiwa ships that the store does not hold yet (by url|version), under the id
 * `<definition id>-<version>`, each validated on the way in, so that clients read them like any resource
 * (`CodeSystem?url=…`). Versions already stored are left as they are, so responses keep the exact form they
 * answered, and a second start costs one search per type. A shipped definition that is not valid FHIR is a
 * packaging mistake: this throws, naming it.
 */
export async function installDefinitions(repo: Repository, logger: Logger, shipped: Definition[] = shippedDefinitions()): Promise<string[]> {
  const installed: string[] = [];
  for (const type of new Set(shipped.map((d) => d.resourceType))) {
    installed.push(...(await installOfType(repo, logger, shipped.filter((d) => d.resourceType === type))));
  }
  return installed;
}

async function installOfType(repo: Repository, logger: Logger, shipped: Definition[]): Promise<string[]> {
  const missing = await notYetStored(repo, shipped, logger);
  if (missing.length === 0) return [];
  const ids = missing.map((q) => `${q.id}-${q.version}`);
  try {
    await repo.createMany(missing.map(({ id: _id, ...q }) => q), ids);
  } catch (err) {
    // Another API process starting at the same moment may have stored them first.
    if ((await notYetStored(repo, shipped, logger)).length === 0) return [];
    throw invalidDefinition(err, missing);
  }
  const canonicals = missing.map(canonicalOf);
  logger.info({ definitions: canonicals }, `${shipped[0]?.resourceType} definitions stored`);
  return canonicals;
}

async function notYetStored(repo: Repository, shipped: Definition[], logger: Logger): Promise<Definition[]> {
  const urls = [...new Set(shipped.map((q) => q.url ?? ''))];
  const type = shipped[0]?.resourceType ?? 'Questionnaire';
  const stored = await findResources<Definition>(repo, type, [['url', urls.map(escapeSearchValue).join(',')]]);
  const byCanonical = new Map(stored.map((q) => [canonicalOf(q), q]));
  return shipped.filter((q) => {
    const existing = byCanonical.get(canonicalOf(q));
    if (existing && !sameContent(existing, q)) {
      // A definition changed without a new version would re-word or re-score answers already given.
      const message = `a shipped ${q.resourceType} differs from the stored one of the same version; the stored one is kept`;
      logger.warn({ definition: canonicalOf(q) }, message);
    }
    return existing === undefined;
  });
}

function sameContent(stored: Definition, shipped: Definition): boolean {
  const { id: _a, meta: _b, ...storedContent } = stored;
  const { id: _c, meta: _d, ...shippedContent } = shipped;
  return JSON.stringify(sortedKeys(storedContent)) === JSON.stringify(sortedKeys(shippedContent));
}

/** Stored resources put resourceType, id and meta first; compare regardless of key order. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortedKeys(v)]));
}

function escapeSearchValue(value: string): string {
  return value.replace(/[\\,$]/g, (c) => `\\${c}`);
}

function invalidDefinition(err: unknown, missing: Definition[]): Error {
  if (!(err instanceof ItemFailure)) return err instanceof Error ? err : new Error(String(err));
  const name = missing[err.index]?.name ?? `#${err.index}`;
  const details = err.cause instanceof FhirError
    ? (err.cause.outcome.issue ?? []).map((i) => `${(i.expression ?? []).join(', ')}: ${i.diagnostics}`).join('; ')
    : String(err.cause);
  return new Error(`The shipped ${missing[err.index]?.resourceType ?? 'definition'} ${name} cannot be stored: ${details}`);
}
