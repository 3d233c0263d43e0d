import type { Encounter } from '@medplum/fhirtypes';
import { claimedServiceType, isBeneficiaryService } from './service-encounter.js';

export interface ServiceCounts {
  /** services delivered to beneficiaries: one per person per attendance */
  services: number;
  /** group activities: meetings, each counted once however many attended */
  activities: number;
  /** people served at least once */
  beneficiaries: number;
}

/**
 * The programme's reporting rule (services.md): services are counted per beneficiary attendance, so a group
 * session with 12 attendees is 12 services and one group activity. A service is an Encounter of a Hiwa
 * service to a beneficiary for a Patient; an activity is one with no Patient (the meeting, whose subject is
 * its Group). Encounters of no Hiwa service, and coordination and staff capacity building, are not counted.
 */
export function countServices(encounters: readonly Encounter[]): ServiceCounts {
  const people = new Set<string>();
  let services = 0;
  let activities = 0;
  for (const encounter of encounters) {
    if (!isBeneficiaryService(claimedServiceType(encounter))) continue;
    const patient = encounter.subject?.reference?.startsWith('Patient/') ? encounter.subject.reference : undefined;
    if (patient === undefined) {
      activities += 1;
    } else {
      services += 1;
      people.add(patient);
    }
  }
  return { services, activities, beneficiaries: people.size };
}
