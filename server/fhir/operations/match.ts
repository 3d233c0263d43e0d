import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { findPatientMatches } from '../../clinical/find-patient-matches.js';
import { matchFacts } from '../../clinical/patient-match/match-facts.js';
import { probeBeyondReach } from '../../clinical/probe-beyond-reach.js';
import { informational, issue, unprocessable } from '../outcomes.js';
import type { Operation } from './operation.js';
import { parseMatchParameters } from './match-parameters.js';

export const MATCH_GRADE_URL = 'http://hl7.org/fhir/StructureDefinition/match-grade';

/**
 * `Patient/$match`: the Patients the caller may read that could be the person described, best first, each
 * with a score and a match grade; and, when a likely match exists beyond the caller's reach, an
 * information issue that says only that, while that patient's supervisors get a review Task.
 */
export const matchOperation: Operation = {
  appliesTo: ['Patient'],
  definition: {
    resourceType: 'OperationDefinition',
    id: 'Patient-match',
    url: 'https://hiwa.health/fhir/OperationDefinition/Patient-match',
    name: 'Match',
    status: 'active',
    kind: 'operation',
    code: 'match',
    base: 'http://hl7.org/fhir/OperationDefinition/Patient-match',
    system: false,
    type: true,
    instance: false,
    parameter: [
      { name: 'resource', use: 'in', min: 1, max: '1', type: 'Resource' },
      { name: 'onlyCertainMatches', use: 'in', min: 0, max: '1', type: 'boolean' },
      { name: 'count', use: 'in', min: 0, max: '1', type: 'integer' },
      { name: 'return', use: 'out', min: 1, max: '1', type: 'Bundle' },
    ],
  },
  async handler(repo, req) {
    const input = parseMatchParameters(req.body);
    const facts = matchFacts(input.patient);
    if (facts.names.length === 0) {
      throw unprocessable([issue('required', 'The Patient to look for needs a name', "Parameters.parameter.where(name='resource').resource.name")]);
    }
    const selfId = input.patient.id;
    const bundle = await repo.transaction(async (tx) => {
      const matches = await findPatientMatches(tx, facts, selfId);
      const reviewTasks = await probeBeyondReach(tx, facts, new Set(matches.map((m) => m.patient.id as string)), selfId);
      const chosen = matches.filter((m) => !input.onlyCertainMatches || m.grade === 'certain').slice(0, input.count);
      await tx.auditedAccess(
        {
          subtype: 'operation',
          action: 'E',
          query: 'Patient/$match',
          patientIds: chosen.map((m) => m.patient.id as string),
          resources: reviewTasks,
        },
        async () => undefined,
      );
      const entries: BundleEntry[] = chosen.map((m) => ({
        fullUrl: `${req.baseUrl}/Patient/${m.patient.id}`,
        resource: m.patient,
        search: { mode: 'match', score: m.score, extension: [{ url: MATCH_GRADE_URL, valueCode: m.grade }] },
      }));
      if (reviewTasks.length > 0) {
        entries.push({
          resource: informational(
            'A record that is likely this person exists outside what you may access (another site or organisation). Its supervisors have been asked to review it with you.',
          ),
          search: { mode: 'outcome' },
        });
      }
      const result: Bundle = { resourceType: 'Bundle', type: 'searchset', total: chosen.length, ...(entries.length > 0 ? { entry: entries } : {}) }; // FHIR JSON has no empty arrays
      return result;
    });
    return { status: 200, body: bundle };
  },
};
