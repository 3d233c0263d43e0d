import type { Parameters, Task } from '@medplum/fhirtypes';
import { STAFF_ROLE_SYSTEM } from '../../auth/principal.js';
import { rolePolicies } from '../../auth/policy.js';
import { endOfUtcDay } from '../../clinical/risk-review-task.js';
import { taskTypeCode } from '../../clinical/workflow-codes.js';
import { openBreakGlass } from '../../store/access-records.js';
import { forbidden } from '../outcomes.js';
import type { Operation } from './operation.js';
import { requireParameters, stringParam } from './parameters.js';

/**
 * `Patient/{id}/$break-glass`: a clinician opens a patient outside their reach, giving a reason. Access lasts
 * four hours, the reason is in the audit trail, and the patient's supervisors get a Task to review it.
 */
export const breakGlassOperation: Operation = {
  appliesTo: ['Patient'],
  definition: {
    resourceType: 'OperationDefinition',
    id: 'Patient-break-glass',
    url: 'https://hiwa.health/fhir/OperationDefinition/Patient-break-glass',
    name: 'BreakGlass',
    status: 'active',
    kind: 'operation',
    code: 'break-glass',
    system: false,
    type: false,
    instance: true,
    parameter: [
      { name: 'reason', use: 'in', min: 1, max: '1', type: 'string' },
      { name: 'expires', use: 'out', min: 1, max: '1', type: 'instant' },
    ],
  },
  async handler(repo, req, target) {
    const caller = repo.caller;
    if (caller.kind !== 'staff' || !rolePolicies[caller.role].breakGlass) {
      throw forbidden('Only clinicians and supervisors may use break-glass access');
    }
    const reason = stringParam(requireParameters(req.body), 'reason', { required: true, max: 1000 });
    const patientId = target.id as string;
    const expires = await repo.transaction(async (tx) => {
      // Whether the patient exists is checked by the server itself: the caller cannot see them yet.
      const system = tx.asServer('break-glass');
      await system.read('Patient', patientId);
      const until = await tx.auditedAccess(
        { subtype: 'break-glass', action: 'E', patientIds: [patientId], resources: [`Patient/${patientId}`], reason },
        (db) => openBreakGlass(db, { userId: caller.userId, patientId, reason, now: tx.now() }),
      );
      await system.create<Task>(reviewTask(patientId, caller.practitionerId, caller.username, reason, tx.now()));
      return until;
    });
    const out: Parameters = { resourceType: 'Parameters', parameter: [{ name: 'expires', valueInstant: expires.toISOString() }] };
    return { status: 200, body: out };
  },
};

function reviewTask(patientId: string, practitionerId: string, username: string, reason: string, now: Date): Task {
  return {
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    priority: 'urgent',
    code: taskTypeCode('break-glass-review'),
    description: `${username} opened this record outside their caseload: ${reason}`,
    // the reason as typed apart from the server's sentence, for a client to show under its own heading
    reasonCode: { text: reason },
    for: { reference: `Patient/${patientId}` },
    requester: { reference: `Practitioner/${practitionerId}` },
    authoredOn: now.toISOString(),
    performerType: [{ coding: [{ system: STAFF_ROLE_SYSTEM, code: 'supervisor', display: 'Supervisor' }], text: "The patient's supervisors" }],
    restriction: { period: { end: endOfUtcDay(now).toISOString() } },
  };
}
