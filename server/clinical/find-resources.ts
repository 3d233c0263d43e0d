import type { Resource } from '@medplum/fhirtypes';
import { MAX_COUNT, parseSearch } from '../fhir/search/parse.js';
import type { Repository } from '../store/repository.js';

/**
 * The resources of one type matching FHIR search parameters, as parsed resources. For the small sets a rule
 * looks up (a response's Observations, a patient's open cases): one page of at most MAX_COUNT rows is plenty,
 * or of `count` rows where a caller wants fewer.
 */
export async function findResources<T extends Resource>(
  repo: Repository,
  resourceType: T['resourceType'],
  params: [string, string][],
  count: number = MAX_COUNT,
): Promise<T[]> {
  const page = await repo.search({ ...parseSearch(resourceType, params), count, include: [], revinclude: [] });
  return page.matches.map((row) => JSON.parse(row.content) as T);
}
