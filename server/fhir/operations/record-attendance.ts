import type { Bundle } from '@medplum/fhirtypes';
import { recordAttendance } from '../../clinical/record-attendance.js';
import type { Operation } from './operation.js';
import { MAX_ATTENDEES, parseAttendance } from './record-attendance-parameters.js';

/**
 * `Group/{id}/$record-attendance`: one meeting of a group activity recorded in one transaction from an
 * attendance list (see recordAttendance). Attendees need no open case. Answers a `collection` Bundle of
 * what was written.
 */
export const recordAttendanceOperation: Operation = {
  appliesTo: ['Group'],
  definition: {
    resourceType: 'OperationDefinition',
    id: 'Group-record-attendance',
    url: 'https://hiwa.health/fhir/OperationDefinition/Group-record-attendance',
    name: 'RecordAttendance',
    status: 'active',
    kind: 'operation',
    code: 'record-attendance',
    system: false,
    type: false,
    instance: true,
    parameter: [
      { name: 'period', use: 'in', min: 1, max: '1', type: 'Period' },
      { name: 'serviceType', use: 'in', min: 1, max: '1', type: 'Coding' },
      { name: 'modality', use: 'in', min: 0, max: '1', type: 'Coding' },
      { name: 'location', use: 'in', min: 1, max: '1', type: 'Reference' },
      { name: 'staff', use: 'in', min: 0, max: '*', type: 'Reference', documentation: 'Who ran the meeting; the caller when absent' },
      { name: 'serviceProvider', use: 'in', min: 0, max: '1', type: 'Reference', documentation: 'The partner organisation that delivered it' },
      { name: 'pmPlusSession', use: 'in', min: 0, max: '1', type: 'integer', documentation: 'Required (1-5) when the service is pm-plus' },
      { name: 'topic', use: 'in', min: 0, max: '1', type: 'string', documentation: "The meeting's topic (Encounter.reasonCode.text)" },
      { name: 'attendee', use: 'in', min: 1, max: String(MAX_ATTENDEES), type: 'Reference', documentation: 'Patients, each once' },
      { name: 'return', use: 'out', min: 1, max: '1', type: 'Bundle' },
    ],
  },
  async handler(repo, req, target) {
    const caller = repo.caller;
    const attendance = parseAttendance(req.body, { practitionerId: caller.kind === 'staff' ? caller.practitionerId : undefined });
    const written = await recordAttendance(repo, target.id as string, attendance);
    const bundle: Bundle = { resourceType: 'Bundle', type: 'collection', entry: written.map((resource) => ({ resource })) };
    return { status: 200, body: bundle };
  },
};
