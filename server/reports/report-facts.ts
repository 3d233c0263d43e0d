/**
 * What indicator arithmetic reads, as the store extracts it from stored resources (server/store/report-facts.ts).
 * Plain values only: the arithmetic never sees a resource, so it can be tested on hand-built facts.
 */

/** A reporting period: `start` inclusive, `end` exclusive (ISO instants). */
export interface ReportPeriod {
  start: string;
  end: string;
}

/** A beneficiary as reports disaggregate them (Patient). Codes as stored; absent = not recorded. */
export interface BeneficiaryFacts {
  id: string;
  /** Patient.gender */
  gender?: string;
  /** Patient.birthDate (a year, year-month or full date) */
  birthDate?: string;
  /** v3 MaritalStatus code (S, M, W, D, L) */
  maritalStatus?: string;
  /** disability-status code: yes, no, not-disclosed */
  disability?: string;
  /** population-group code: idp, returnee, host-community, refugee, migrant */
  populationGroup?: string;
  /** Patient.address.state */
  governorate?: string;
  /** registration site (Location id) */
  site?: string;
}

/** One Encounter of a Hiwa beneficiary service: an attendance (with a patient) or a group meeting (without). */
export interface ServiceFacts {
  /** the attendee; absent for a group meeting's own Encounter */
  patientId?: string;
  /** Encounter.period.start */
  date: string;
  /** code of Hiwa's service-type CodeSystem */
  serviceType: string;
  /** Encounter.location (Location id) */
  site?: string;
  /** the organisation that delivered it (serviceProvider, else the organisation that recorded it) */
  providerOrganization?: string;
}

/** One score Observation. */
export interface ScoreFacts {
  patientId: string;
  system: string;
  code: string;
  value: number;
  /** effectiveDateTime */
  date: string;
  /** score-band codes of its interpretation */
  bands: string[];
}

/** One case (EpisodeOfCare). */
export interface CaseFacts {
  id: string;
  patientId: string;
  status: string;
  /** Practitioner id of the care manager */
  careManager?: string;
  /** period.start: when the case was registered */
  start?: string;
  /** period.end */
  end?: string;
  /** the first session recorded for the case (earliest Encounter naming it) */
  firstSession?: string;
}

/** One referral Task, with when it was answered and completed (from its history). */
export interface ReferralFacts {
  id: string;
  status: string;
  authoredOn?: string;
  /** the first time it was accepted (or moved on past accepted) */
  acceptedAt?: string;
  /** the first time it was rejected */
  rejectedAt?: string;
  completedAt?: string;
}

/** One open-ended Task with a due date (follow-ups, reviews, referrals). */
export interface DueTaskFacts {
  id: string;
  status: string;
  /** restriction.period.end */
  due: string;
}
