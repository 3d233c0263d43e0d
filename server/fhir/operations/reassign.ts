import type { Bundle } from '@medplum/fhirtypes';
import { reassignCase } from '../../clinical/reassign-case.js';
import { forbidden, issue, unprocessable } from '../outcomes.js';
import type { Operation } from './operation.js';
import { referenceParam, requireParameters, stringParam } from './parameters.js';

/**
 * `EpisodeOfCare/{id}/$reassign`: a supervisor gives a case to another member of staff; the case manager,
 * the care team and the old case manager's open Tasks about the patient change together (see reassignCase).
 * Answers a `collection` Bundle of what was written.
 */
export const reassignOperation: Operation = {
  appliesTo: ['EpisodeOfCare'],
  definition: {
    resourceType: 'OperationDefinition',
    id: 'EpisodeOfCare-reassign',
    url: 'https://hiwa.health/fhir/OperationDefinition/EpisodeOfCare-reassign',
    name: 'Reassign',
    status: 'active',
    kind: 'operation',
    code: 'reassign',
    system: false,
    type: false,
    instance: true,
    parameter: [
      { name: 'careManager', use: 'in', min: 1, max: '1', type: 'Reference', documentation: 'The Practitioner who takes the case (an active role in its organisation)' },
      { name: 'reason', use: 'in', min: 0, max: '1', type: 'string', documentation: 'Why, for the audit trail' },
      { name: 'return', use: 'out', min: 1, max: '1', type: 'Bundle' },
    ],
  },
  async handler(repo, req, target) {
    const caller = repo.caller;
    if (caller.kind !== 'staff' || caller.role !== 'supervisor') throw forbidden('Only a supervisor may reassign a case');
    const params = requireParameters(req.body);
    const careManagerId = referenceParam(params, 'careManager', 'Practitioner');
    if (careManagerId === undefined) {
      throw unprocessable([issue('required', "The parameter 'careManager' (a Practitioner reference) is required", "Parameters.parameter.where(name='careManager')")]);
    }
    const reason = stringParam(params, 'reason', { max: 1000 });
    const written = await reassignCase(repo, target.id as string, { careManagerId, ...(reason === undefined ? {} : { reason }) });
    const bundle: Bundle = { resourceType: 'Bundle', type: 'collection', entry: written.map((resource) => ({ resource })) };
    return { status: 200, body: bundle };
  },
};
