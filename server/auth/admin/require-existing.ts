import { badRequest, FhirError } from '../../fhir/outcomes.js';
import type { Repository } from '../../store/repository.js';

/** Refuses an admin request naming a resource that does not exist (or was deleted), pointing at the field. */
export async function requireExisting(repo: Repository, resourceType: string, ids: string[], field: string): Promise<void> {
  for (const id of ids) {
    try {
      await repo.read(resourceType, id);
    } catch (err) {
      if (err instanceof FhirError && (err.status === 404 || err.status === 410)) {
        throw badRequest(`${resourceType}/${id} does not exist`, field);
      }
      throw err;
    }
  }
}
