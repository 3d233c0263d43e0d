import { randomUUID } from 'node:crypto';
import type { Bundle, Parameters, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import type { ScoringSettings } from '../../../questionnaires/index.js';
import { requireMatchingResponse } from '../../clinical/check-response-rule.js';
import { canonicalOf } from '../../clinical/questionnaire-canonical.js';
import { resolveQuestionnaire } from '../../clinical/resolve-questionnaire.js';
import { responseYield } from '../../clinical/response-yield.js';
import { requireResourceBody } from '../interactions/body.js';
import { badRequest, methodNotAllowed, unprocessable } from '../outcomes.js';
import { validateFhirResource } from '../validation/validate.js';
import type { Repository } from '../../store/repository.js';
import type { Operation } from './operation.js';

/**
 * SDC `$extract`: the Observations (and suicide-risk Flag) a QuestionnaireResponse yields, as a transaction
 * Bundle, without storing anything. Exactly what creating the response would store, from the same code: a
 * response that would be refused is refused here too (422). On the type, the response is the body (or the
 * `questionnaire-response` parameter); on an instance, it is the stored response.
 */
export function extractOperation(settings: ScoringSettings): Operation {
  return {
    appliesTo: ['QuestionnaireResponse'],
    definition: {
      resourceType: 'OperationDefinition',
      id: 'QuestionnaireResponse-extract',
      url: 'http://hl7.org/fhir/uv/sdc/OperationDefinition/QuestionnaireResponse-extract',
      name: 'SDCQuestionnaireResponseExtract',
      title: 'Extract the data a QuestionnaireResponse yields',
      status: 'active',
      kind: 'operation',
      affectsState: false,
      code: 'extract',
      description:
        "Hiwa's extraction: the score Observations (completed or amended responses) and the suicide-risk Flag (a critical item answered) " +
        'the response yields against the Questionnaire version it names, as a transaction Bundle of POST entries. Nothing is stored. ' +
        'A response without an id is referred to as urn:hiwa:pending-questionnaire-response.',
      system: false,
      type: true,
      instance: true,
      parameter: [
        {
          name: 'questionnaire-response',
          use: 'in',
          min: 0,
          max: '1',
          type: 'QuestionnaireResponse',
          documentation: 'The response (type level; or the body itself)',
        },
        { name: 'return', use: 'out', min: 1, max: '1', type: 'Bundle', documentation: 'A transaction Bundle of the resources the response yields' },
      ],
    },
    async handler(repo, req, target) {
      if (target.id === undefined && req.method !== 'POST') throw methodNotAllowed('$extract on QuestionnaireResponse is invoked with POST');
      const response = target.id === undefined ? responseInBody(req.body) : await storedResponse(repo, target.id);
      const issues = validateFhirResource(response);
      if (issues.length > 0) throw unprocessable(issues);
      const questionnaire = await resolveQuestionnaire(repo, response);
      requireMatchingResponse(questionnaire, response);
      const pinned = { ...response, questionnaire: canonicalOf(questionnaire) };
      const { observations, flag } = responseYield(questionnaire, pinned, { settings, now: repo.now() });
      return { status: 200, body: transaction([...observations, ...(flag === undefined ? [] : [flag])], repo.now()) };
    },
  };
}

async function storedResponse(repo: Repository, id: string): Promise<QuestionnaireResponse> {
  return (await repo.read('QuestionnaireResponse', id)).resource as QuestionnaireResponse;
}

function responseInBody(body: unknown): QuestionnaireResponse {
  if (body && typeof body === 'object' && (body as Resource).resourceType === 'Parameters') {
    const param = (body as Parameters).parameter?.find((p) => p.name === 'questionnaire-response');
    if (!param?.resource) {
      throw badRequest('Parameters for $extract need a "questionnaire-response" parameter', 'Parameters.parameter');
    }
    return requireResourceBody(param.resource, 'QuestionnaireResponse') as QuestionnaireResponse;
  }
  return requireResourceBody(body, 'QuestionnaireResponse') as QuestionnaireResponse;
}

function transaction(resources: Resource[], now: Date): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    timestamp: now.toISOString(),
    entry: resources.map((resource) => ({
      fullUrl: `urn:uuid:${randomUUID()}`,
      resource,
      request: { method: 'POST', url: resource.resourceType },
    })),
  };
}
