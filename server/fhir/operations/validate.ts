import type { Parameters, ParametersParameter, Resource } from '@medplum/fhirtypes';
import { requireResourceBody } from '../interactions/body.js';
import { badRequest, informational, outcome } from '../outcomes.js';
import { validateFhirResource } from '../validation/validate.js';
import type { Operation } from './operation.js';

/** `$validate`: checks a resource as a create or update would, and stores nothing. */
export const validateOperation: Operation = {
  appliesTo: '*',
  definition: {
    resourceType: 'OperationDefinition',
    id: 'Resource-validate',
    url: 'http://hl7.org/fhir/OperationDefinition/Resource-validate',
    name: 'Validate',
    status: 'active',
    kind: 'operation',
    code: 'validate',
    system: false,
    type: true,
    instance: true,
    parameter: [
      { name: 'resource', use: 'in', min: 0, max: '1', type: 'Resource' },
      { name: 'return', use: 'out', min: 1, max: '1', type: 'OperationOutcome' },
    ],
  },
  async handler(_repo, req, target) {
    if (req.method !== 'POST') throw badRequest('$validate is invoked with POST');
    const resource = resourceToValidate(req.body, target.resourceType);
    if (target.id !== undefined && resource.id !== undefined && resource.id !== target.id) {
      throw badRequest(`Resource id '${resource.id}' does not match '${target.id}' in the URL`, `${resource.resourceType}.id`);
    }
    const issues = validateFhirResource(resource);
    return {
      status: 200,
      body: issues.length > 0 ? outcome(...issues) : informational('The resource is valid'),
    };
  },
};

function resourceToValidate(body: unknown, type: string | undefined): Resource {
  if (body && typeof body === 'object' && (body as Resource).resourceType === 'Parameters') {
    // a client's Parameters, unchecked: `parameter` may be anything, its items null
    const parameters: unknown = (body as Parameters).parameter;
    const param = Array.isArray(parameters) ? (parameters as (ParametersParameter | null)[]).find((p) => p?.name === 'resource') : undefined;
    if (!param?.resource) throw badRequest('Parameters for $validate need a "resource" parameter', 'Parameters.parameter');
    return requireResourceBody(param.resource, type);
  }
  return requireResourceBody(body, type);
}
