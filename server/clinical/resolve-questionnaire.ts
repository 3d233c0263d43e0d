import type { Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import { issue, unprocessable } from '../fhir/outcomes.js';
import type { Repository } from '../store/repository.js';
import { findResources } from './find-resources.js';
import { latestVersion, parseCanonical } from './questionnaire-canonical.js';

const WHERE = 'QuestionnaireResponse.questionnaire';

/**
 * The stored Questionnaire a response answers: exactly the version its canonical names (`url|version`), the
 * latest stored version when it names none, or a 422 naming `QuestionnaireResponse.questionnaire`. A response
 * Hiwa cannot check against a form is not accepted at all, so a missing canonical is refused too.
 * Questionnaires are reference data: looked up as the server, so a lookup is neither limited nor audited.
 */
export async function resolveQuestionnaire(repo: Repository, response: QuestionnaireResponse): Promise<Questionnaire> {
  const canonical = response.questionnaire;
  if (canonical === undefined || canonical.trim() === '') {
    throw unprocessable([issue('required', 'The response must name the Questionnaire it answers (url|version)', WHERE)]);
  }
  const { url, version } = parseCanonical(canonical);
  // The rule that checks a response and the one that scores it both ask, in the same transaction.
  const questionnaire = await repo.remembered('Questionnaire', canonical, async () => {
    const params: [string, string][] = [['url', url], ...(version === undefined ? [] : [['version', version] as [string, string]])];
    const found = await findResources<Questionnaire>(repo.asServer('questionnaire lookup'), 'Questionnaire', params);
    // The url search matches exactly, but a version token could match a Questionnaire with several; keep exact ones.
    return latestVersion(found.filter((q) => q.url === url && (version === undefined || q.version === version)));
  });
  if (questionnaire === undefined) {
    throw unprocessable([issue('not-found', `No Questionnaire ${canonical} is stored on this server`, WHERE)]);
  }
  return questionnaire;
}
