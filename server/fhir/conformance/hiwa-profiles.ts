import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeSystem, SearchParameter, StructureDefinition, ValueSet } from '@medplum/fhirtypes';

/** Hiwa's own conformance resources, as shipped in `fhir-profiles/`. */
export interface HiwaConformance {
  structureDefinitions: StructureDefinition[];
  searchParameters: SearchParameter[];
  codeSystems: CodeSystem[];
  valueSets: ValueSet[];
}

export const HIWA_PROFILES_DIR = fileURLToPath(new URL('../../../fhir-profiles/', import.meta.url));

type HiwaResource = StructureDefinition | SearchParameter | CodeSystem | ValueSet;

/** Reads every `*.json` file of the folder; any other kind of resource there is a packaging mistake. */
export function readHiwaConformance(dir: string = HIWA_PROFILES_DIR): HiwaConformance {
  const result: HiwaConformance = { structureDefinitions: [], searchParameters: [], codeSystems: [], valueSets: [] };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const resource = JSON.parse(readFileSync(join(dir, file), 'utf8')) as HiwaResource;
    switch (resource.resourceType) {
      case 'StructureDefinition':
        result.structureDefinitions.push(resource);
        break;
      case 'SearchParameter':
        result.searchParameters.push(resource);
        break;
      case 'CodeSystem':
        result.codeSystems.push(resource);
        break;
      case 'ValueSet':
        result.valueSets.push(resource);
        break;
      default:
        throw new Error(`${file}: unexpected resourceType ${(resource as { resourceType?: unknown }).resourceType}`);
    }
  }
  return result;
}
