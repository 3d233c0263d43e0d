import { getAllDataTypes, getDataType, loadDataType } from '@medplum/core';
import type { InternalTypeSchema } from '@medplum/core';
import type { StructureDefinition } from '@medplum/fhirtypes';

/**
 * A Hiwa profile (or extension definition) as a type Medplum's validator can look up by name, parsed once.
 * `validateResource(r, { profile })` re-parses the profile on every call, about 1.6 ms for a Patient profile;
 * a type named by the profile's URL is parsed once and found like any other (`validateTypedValue({ type: url,
 * value })`). Medplum registers types named by a URL as such, which is how it handles logical models.
 */
export function profileType(profile: StructureDefinition): { typeName: string; schema: InternalTypeSchema } {
  const typeName = profile.url;
  const dataTypes = getAllDataTypes();
  if (!dataTypes[typeName]) {
    // Loading also registers the profile's backbone types under their base names (PatientContact, …);
    // the base ones go back, so a profile never changes how other resources validate.
    const before = { ...dataTypes };
    loadDataType({ ...profile, type: typeName });
    for (const [name, schema] of Object.entries(before)) {
      dataTypes[name] = schema;
    }
  }
  return { typeName, schema: getDataType(typeName) };
}
