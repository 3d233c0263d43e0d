import type { Resource } from '@medplum/fhirtypes';
import type { Repository, Stored } from '../../store/repository.js';
import { badRequest, preconditionFailed } from '../outcomes.js';
import { parseSearch } from '../search/parse.js';

/** The search parameters of If-None-Exist criteria, written `identifier=x`, `?identifier=x` or `Patient?identifier=x`. */
function criteriaParams(criteria: string): [string, string][] {
  const params = [...new URLSearchParams(criteria.replace(/^\?/, '').replace(/^[A-Za-z]+\?/, ''))] as [string, string][];
  if (params.length === 0) throw badRequest('If-None-Exist needs search criteria', 'If-None-Exist');
  return params;
}

/**
 * What concurrent conditional creates serialise on (Repository.serialiseOn): the type and the criteria with
 * their parameters sorted and re-encoded, so `gender=female&identifier=x` and `identifier=x&gender=female`
 * are one condition. Criteria that differ otherwise (other parameters, other OR-lists) are other conditions.
 */
export function conditionKey(type: string, criteria: string): string {
  const byNameThenValue = (a: [string, string], b: [string, string]) =>
    a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1;
  return `if-none-exist ${type}?${new URLSearchParams(criteriaParams(criteria).sort(byNameThenValue)).toString()}`;
}

/**
 * The one resource a conditional create's criteria match; more than one is a 412, as the spec requires.
 * To be atomic with the create that follows, call it in the create's transaction after serialising on
 * `conditionKey`: under read committed, a search made after the lock is granted sees what the previous
 * holder committed.
 */
export async function findExisting(repo: Repository, type: string, criteria: string): Promise<Stored | undefined> {
  const page = await repo.search({ ...parseSearch(type, criteriaParams(criteria)), count: 2, include: [], revinclude: [] });
  if (page.matches.length > 1) {
    throw preconditionFailed(`If-None-Exist criteria '${criteria}' match more than one ${type}`, 'If-None-Exist');
  }
  const match = page.matches[0];
  return match ? { resource: JSON.parse(match.content) as Resource, content: match.content } : undefined;
}
