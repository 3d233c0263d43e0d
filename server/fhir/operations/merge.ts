import type { Parameters, ParametersParameter } from '@medplum/fhirtypes';
import { mergePatients } from '../../clinical/merge-patients.js';
import { forbidden, informational, issue, unprocessable } from '../outcomes.js';
import type { Operation } from './operation.js';
import { requireParameters } from './parameters.js';

const PATIENT_REFERENCE = /^Patient\/([A-Za-z0-9\-.]{1,64})$/;

/**
 * `Patient/$merge` (the parameters of FHIR R5's operation): a supervisor merges a duplicate registration
 * (`source-patient`) into the surviving one (`target-patient`); see mergePatients. Answers a Parameters with
 * `outcome` (what was moved) and `result` (the surviving Patient). 403 for anyone but a supervisor, 422 for a
 * missing or wrong parameter, 409 when either record was already merged away.
 */
export const mergeOperation: Operation = {
  appliesTo: ['Patient'],
  definition: {
    resourceType: 'OperationDefinition',
    id: 'Patient-merge',
    url: 'https://hiwa.health/fhir/OperationDefinition/Patient-merge',
    name: 'Merge',
    status: 'active',
    kind: 'operation',
    code: 'merge',
    system: false,
    type: true,
    instance: false,
    parameter: [
      { name: 'source-patient', use: 'in', min: 1, max: '1', type: 'Reference', documentation: 'The duplicate: inactive afterwards, linked replaced-by' },
      { name: 'target-patient', use: 'in', min: 1, max: '1', type: 'Reference', documentation: 'The surviving record: it receives every record of the duplicate' },
      { name: 'outcome', use: 'out', min: 1, max: '1', type: 'OperationOutcome' },
      { name: 'result', use: 'out', min: 1, max: '1', type: 'Patient' },
    ],
  },
  async handler(repo, req) {
    const caller = repo.caller;
    if (caller.kind !== 'staff' || caller.role !== 'supervisor') throw forbidden('Only a supervisor may merge patient records');
    const params = requireParameters(req.body);
    const sourceId = patientParameter(params, 'source-patient');
    const targetId = patientParameter(params, 'target-patient');
    const merged = await mergePatients(repo, sourceId, targetId);
    const said = `Patient/${sourceId} merged into Patient/${targetId}: ${merged.moved.length} records moved`;
    const out: Parameters = {
      resourceType: 'Parameters',
      parameter: [
        { name: 'outcome', resource: informational(said) },
        { name: 'result', resource: merged.target },
      ],
    };
    return { status: 200, body: out };
  },
};

function patientParameter(params: Parameters, name: string): string {
  const where = `Parameters.parameter.where(name='${name}')`;
  const given: ParametersParameter[] = (params.parameter ?? []).filter((p) => p.name === name);
  if (given.length !== 1) throw unprocessable([issue('required', `The parameter '${name}' is required once: a reference to a Patient`, where)]);
  const id = PATIENT_REFERENCE.exec(given[0].valueReference?.reference ?? '')?.[1];
  if (id === undefined) throw unprocessable([issue('value', `The parameter '${name}' must be a reference to a Patient (Patient/{id})`, where)]);
  return id;
}
