import type { Questionnaire } from '@medplum/fhirtypes';
// Static JSON imports so that a Vite browser build bundles the definitions as well as Node loads them.
import caseManagement from './definitions/case-management.json' with { type: 'json' };
import consent from './definitions/consent.json' with { type: 'json' };
import phq9 from './definitions/phq9.json' with { type: 'json' };
import safetyPlan from './definitions/safety-plan.json' with { type: 'json' };
import sdqP2to4 from './definitions/sdq-p2-4.json' with { type: 'json' };
import sdqP4to17 from './definitions/sdq-p4-17.json' with { type: 'json' };
import sdqS11to17 from './definitions/sdq-s11-17.json' with { type: 'json' };
import sdqT2to4 from './definitions/sdq-t2-4.json' with { type: 'json' };
import sdqT4to17 from './definitions/sdq-t4-17.json' with { type: 'json' };
import srq20 from './definitions/srq20.json' with { type: 'json' };

const DEFINITION_FILES: readonly unknown[] = [
  phq9, srq20, sdqP4to17, sdqT4to17, sdqP2to4, sdqT2to4, sdqS11to17, caseManagement, consent, safetyPlan,
];

/**
 * The Questionnaires Hiwa ships, in a fresh copy each call (callers may localise or modify them).
 * Only the shape needed to tell them apart is checked here; the server validates each fully at start.
 */
export function loadDefinitions(): Questionnaire[] {
  return DEFINITION_FILES.map((json) => asQuestionnaire(structuredClone(json)));
}

export function loadDefinition(name: string): Questionnaire {
  const questionnaire = loadDefinitions().find((candidate) => candidate.name === name);
  if (questionnaire === undefined) throw new Error(`Hiwa ships no Questionnaire named ${name}`);
  return questionnaire;
}

function asQuestionnaire(json: unknown): Questionnaire {
  if (typeof json !== 'object' || json === null || !('resourceType' in json) || json.resourceType !== 'Questionnaire') {
    throw new Error('a definition file does not hold a Questionnaire');
  }
  // The JSON's inferred type widens codes to string; the FHIR shape is checked by the server's validator.
  return json as Questionnaire;
}
