// Canonical URLs of the code systems and extensions the questionnaire module reads and writes.
// Hiwa's own ones are published as CodeSystem / StructureDefinition resources in fhir-profiles/.

export const LOINC = 'http://loinc.org';
export const ORDINAL_VALUE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
export const DATA_ABSENT_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
export const OBSERVATION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const FLAG_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/flag-category';
/** Core R4 extension on Flag pointing at the record that explains it. */
export const FLAG_DETAIL_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/flag-detail';

export const HIWA_QUESTIONNAIRE_BASE = 'https://hiwa.health/fhir/Questionnaire/';
/** valueBoolean true on a Questionnaire item: an affirmative answer raises a suicide-risk alert. */
export const CRITICAL_ITEM_EXTENSION = 'https://hiwa.health/fhir/StructureDefinition/critical-item';
/** On an Observation.interpretation: which band table (norms) the band comes from. */
export const BAND_TABLE_EXTENSION = 'https://hiwa.health/fhir/StructureDefinition/band-table';
/** On an Observation.interpretation: the cut-off the band was decided against (SRQ-20). */
export const SCORE_CUTOFF_EXTENSION = 'https://hiwa.health/fhir/StructureDefinition/score-cutoff';
/** On a Flag: the questionnaire item whose answer raised it (complex: linkId, text, answer). */
export const TRIGGERING_ITEM_EXTENSION = 'https://hiwa.health/fhir/StructureDefinition/triggering-item';

export const HIWA_SCORES_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/hiwa-scores';
export const SCORE_BAND_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/score-band';
export const BAND_TABLE_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/band-table';
export const HIWA_FLAG_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/flag-code';
