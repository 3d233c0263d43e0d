import type { Resource } from '@medplum/fhirtypes';
import type pg from 'pg';
import { Repository, type WriteRule } from '../../server/store/repository.js';
import type { DemoActor, DemoContext } from './context.js';

/**
 * One thing a member of staff did at one moment: resources recorded together (with the ids they are known
 * by, so that later steps can refer to them), a new version of one, or an action that must first look up
 * what the server's rules made (a risk Flag and its review Task).
 */
export type DemoStep = { at: Date; actor: DemoActor } & (
  | { kind: 'create'; resources: Resource[] }
  | { kind: 'update'; resource: Resource }
  | { kind: 'run'; what: string; run: (repo: Repository) => Promise<void> }
);

/**
 * Writes the steps in time order on the caller's transaction, each as its actor, through the repository with
 * the app's write rules and a clock stopped at the step's moment: scores, Flags and Tasks come from the real
 * rules, and every version carries the time it was recorded, as if the programme had used Hiwa for months.
 */
export async function writeSteps(transaction: pg.PoolClient, steps: readonly DemoStep[], context: DemoContext, rules: WriteRule[]): Promise<void> {
  // A stable sort: steps of the same moment keep the order they were planned in.
  const ordered = [...steps].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const step of ordered) {
    const principal = context.staff[step.actor].principal;
    const repo = Repository.inOpenTransaction(transaction, { clock: () => step.at, principal, rules });
    try {
      if (step.kind === 'create') await repo.createMany(step.resources, step.resources.map((r) => r.id as string));
      else if (step.kind === 'update') await repo.update(step.resource);
      else await step.run(repo);
    } catch (err) {
      throw new Error(`demo data: ${step.actor} could not record ${describe(step)} (${step.at.toISOString()})`, { cause: err });
    }
  }
}

function describe(step: DemoStep): string {
  if (step.kind === 'create') return step.resources.map((r) => `${r.resourceType}/${r.id}`).join(', ');
  if (step.kind === 'update') return `${step.resource.resourceType}/${step.resource.id}`;
  return step.what;
}
