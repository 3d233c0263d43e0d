import type { EpisodeOfCare } from '@medplum/fhirtypes';
import type { WriteRule } from '../store/repository.js';
import { closedAt, decideCaseStatus } from './case-status-machine.js';
import { importsHistory } from './clinicians.js';
import { unreviewedRiskFlags } from './risk-flags.js';
import { illegalTransition, workflowConflict } from './transition-refusal.js';
import { TASK_TYPE_SYSTEM } from './workflow-codes.js';

const EPISODE_STATUS_SYSTEM = 'http://hl7.org/fhir/episode-of-care-status';

/**
 * Every write of a case (create, PUT, PATCH, transaction entry) follows the case's state machine (409 listing
 * the allowed next states otherwise). Closing (→ finished) is refused while the patient has a suicide-risk
 * Flag no clinician has reviewed, and is done only by the server when a supervisor approves a case-closure
 * Task (case-closure-rule.ts), so that every closure has an approver, a reason and an outcome.
 */
export function caseStatusRule(settings: { caseReopenDays: number }): WriteRule {
  return {
    resourceTypes: ['EpisodeOfCare'],
    async beforeWrite(repo, resource, previous) {
      const episode = resource as EpisodeOfCare;
      const before = previous as EpisodeOfCare | undefined;
      if (importsHistory(repo.caller)) return episode;
      const clock = { now: repo.now(), reopenDays: settings.caseReopenDays, closedAt: before && closedAt(before) };
      const decision = decideCaseStatus(before?.status, episode.status, clock);
      if (!decision.allowed) throw illegalTransition(decision.message, 'EpisodeOfCare.status', EPISODE_STATUS_SYSTEM, decision.allowedNext);
      if (decision.change !== 'move' || episode.status !== 'finished') return episode;

      const flags = await unreviewedRiskFlags(repo, episode.patient);
      if (flags.length > 0) {
        const named = flags.map((f) => `Flag/${f.id}`).join(', ');
        throw workflowConflict(`The case cannot be closed while a suicide-risk Flag is active without a clinician's review (${named})`, 'EpisodeOfCare.status');
      }
      const caller = repo.caller;
      if (caller.kind !== 'internal') {
        const how = `create a Task with code ${TASK_TYPE_SYSTEM}|case-closure, focus EpisodeOfCare/${episode.id ?? ''}, the reason in reasonCode and the outcome as input closure-outcome`;
        const who = caller.kind === 'staff' && caller.role === 'supervisor' ? 'A supervisor closes a case by completing its case-closure Task' : "Closing a case needs a supervisor's approval";
        throw workflowConflict(`${who}: ${how}; the case finishes when a supervisor completes it`, 'EpisodeOfCare.status');
      }
      return episode;
    },
  };
}
