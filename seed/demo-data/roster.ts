import type { DemoActor } from './context.js';

/** A few people whose record tells a particular story, so that each screen of the demo has something to show. */
export type Story =
  /** suicide risk at intake (PHQ-9 item 9), reviewed the same day: safety plan, referral, psychiatric diagnosis */
  | 'risk-reviewed'
  /** SRQ-20 item 17 answered Yes yesterday: an open Flag and an overdue urgent Task */
  | 'risk-yesterday'
  /** PHQ-9 item 9 answered this morning: an open Flag and an urgent Task due today */
  | 'risk-today'
  /** referred to the psychiatrist a few days ago, not yet accepted: overdue */
  | 'referral-pending'
  /** a partner CSO's beneficiary referred yesterday to the programme's psychiatrist, who sees only what was referred */
  | 'referral-from-partner'
  /** referred to the psychiatrist, who declined with a reason */
  | 'referral-rejected'
  /** the caseworker's case transferred to the psychologist, who accepted */
  | 'transfer'
  /** five PM+ sessions, better, case closed */
  | 'closed'
  /** goals met: the caseworker asked yesterday to close the case, waiting for the supervisor's approval */
  | 'closure-pending'
  /** registered a second time at another site two days ago, spelled differently: a possible duplicate pair */
  | 'possible-duplicate';

export interface RosterEntry {
  site: string;
  /** who holds the case; absent = waiting to be assigned */
  manager?: DemoActor;
  /** the case was opened by the caseworker, then given to this clinician by the supervisor */
  transferredTo?: DemoActor;
  registeredDaysAgo: number;
  child?: boolean;
  story?: Story;
  /** Consent to exchange with the Directorate of Health: given, or given and later withdrawn */
  doh?: 'consented' | 'withdrawn';
  /** consented to share with the partner CSO (a referral for livelihood support) */
  sharesWithPartner?: boolean;
  /** the full case-management form was filled in at intake */
  caseManagementForm?: boolean;
  /** the case closes after this many sessions (and a closing visit); absent = still open */
  sessions?: number;
}

const QADIA = 'Qadia camp';
const KHANKE = 'Khanke Town';
const MALTA = 'Malta PHC';
const HASSAN_SHAM = 'Hassan Sham U3 camp';
const DEBAGA = 'Debaga Camp clinic';
const SINJAR = 'Sinjar';

/**
 * The demo caseload: Qadia camp is the caseworker's site, the other programme sites are covered by the
 * psychologist's mobile team, and Sinjar is the partner CSO's. Sites are named as the demo accounts create them.
 */
export const roster: readonly RosterEntry[] = [
  { site: QADIA, manager: 'caseworker', registeredDaysAgo: 30, story: 'risk-reviewed', caseManagementForm: true },
  { site: QADIA, manager: 'caseworker', registeredDaysAgo: 45, story: 'risk-yesterday' },
  { site: QADIA, manager: 'caseworker', registeredDaysAgo: 150, story: 'closed' },
  { site: QADIA, manager: 'caseworker', registeredDaysAgo: 120, doh: 'consented', caseManagementForm: true },
  { site: QADIA, manager: 'caseworker', registeredDaysAgo: 100, child: true },
  { site: QADIA, manager: 'caseworker', registeredDaysAgo: 95, story: 'transfer' },
  { site: QADIA, manager: 'caseworker', registeredDaysAgo: 70, child: true },
  { site: QADIA, manager: 'caseworker', registeredDaysAgo: 60, sharesWithPartner: true },
  { site: QADIA, manager: 'caseworker', registeredDaysAgo: 55, doh: 'consented' },
  { site: QADIA, manager: 'caseworker', registeredDaysAgo: 40, story: 'referral-rejected' },
  { site: QADIA, manager: 'caseworker', registeredDaysAgo: 30 },
  { site: QADIA, manager: 'caseworker', registeredDaysAgo: 24, caseManagementForm: true },
  { site: QADIA, manager: 'caseworker', registeredDaysAgo: 16 },
  { site: QADIA, manager: 'caseworker', registeredDaysAgo: 10 },
  { site: QADIA, manager: 'caseworker', registeredDaysAgo: 130, story: 'closure-pending' },
  { site: QADIA, transferredTo: 'psychologist', registeredDaysAgo: 90 },
  { site: QADIA, transferredTo: 'psychologist', registeredDaysAgo: 50 },
  { site: QADIA, transferredTo: 'psychologist', registeredDaysAgo: 35 },
  { site: QADIA, registeredDaysAgo: 5 },
  { site: QADIA, registeredDaysAgo: 2 },
  { site: KHANKE, manager: 'psychologist', registeredDaysAgo: 110, doh: 'consented' },
  { site: KHANKE, manager: 'psychologist', registeredDaysAgo: 65, child: true },
  { site: KHANKE, manager: 'psychologist', registeredDaysAgo: 20, story: 'possible-duplicate' },
  { site: KHANKE, registeredDaysAgo: 6 },
  { site: MALTA, manager: 'psychologist', registeredDaysAgo: 85, story: 'risk-today' },
  { site: MALTA, manager: 'psychologist', registeredDaysAgo: 40, story: 'referral-pending', caseManagementForm: true },
  { site: MALTA, manager: 'psychologist', registeredDaysAgo: 75, doh: 'withdrawn' },
  { site: MALTA, registeredDaysAgo: 4 },
  { site: HASSAN_SHAM, manager: 'psychologist', registeredDaysAgo: 140, doh: 'consented' },
  { site: HASSAN_SHAM, manager: 'psychologist', registeredDaysAgo: 58 },
  { site: HASSAN_SHAM, manager: 'psychologist', registeredDaysAgo: 28 },
  { site: HASSAN_SHAM, registeredDaysAgo: 8 },
  { site: DEBAGA, manager: 'psychologist', registeredDaysAgo: 100, doh: 'consented' },
  { site: DEBAGA, manager: 'psychologist', registeredDaysAgo: 44 },
  { site: DEBAGA, registeredDaysAgo: 3 },
  { site: SINJAR, manager: 'partner.caseworker', registeredDaysAgo: 90, doh: 'consented' },
  { site: SINJAR, manager: 'partner.caseworker', registeredDaysAgo: 62, child: true },
  { site: SINJAR, manager: 'partner.caseworker', registeredDaysAgo: 38, story: 'referral-from-partner' },
  { site: SINJAR, manager: 'partner.caseworker', registeredDaysAgo: 18 },
  { site: SINJAR, registeredDaysAgo: 7 },
];
