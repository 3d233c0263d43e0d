import { z } from 'zod';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The deployment's answers to "who consents for a child" and "how soon must a referral be answered". */
export interface WorkflowSettings {
  /** below this age a caregiver consents for the person (CONSENT_ADULT_AGE) */
  consentAdultAge: number;
  /** from this age up to the adult age the child's own assent is asked (CONSENT_ASSENT_FROM_AGE) */
  assentFromAge: number;
  /** a routine referral or transfer is overdue when not answered within this many working days */
  answerWorkingDays: number;
  /** an urgent (asap, stat) one within this many hours, whatever the day */
  urgentAnswerHours: number;
  /** the days the teams work (Sunday–Thursday in Iraq) */
  workingDays: readonly Weekday[];
  /** where working days begin and end (IANA zone) */
  timeZone: string;
}

/** Environment variables of the workflow settings (merged into the server's schema). */
export const workflowEnvShape = {
  CONSENT_ADULT_AGE: z.coerce.number().int().min(1).max(25).default(18),
  CONSENT_ASSENT_FROM_AGE: z.coerce.number().int().min(0).max(25).default(7),
  REFERRAL_ANSWER_WORKING_DAYS: z.coerce.number().min(0).max(60).default(2),
  REFERRAL_URGENT_ANSWER_HOURS: z.coerce.number().min(0).max(240).default(4),
  /** comma-separated, e.g. sun,mon,tue,wed,thu */
  WORKING_DAYS: z
    .string()
    .default('sun,mon,tue,wed,thu')
    .transform((v) => v.split(',').map((d) => d.trim().toLowerCase()))
    .refine((days): days is Weekday[] => days.length > 0 && days.every((d) => (WEEKDAYS as readonly string[]).includes(d)), 'expected days among sun,mon,tue,wed,thu,fri,sat'),
  TIME_ZONE: z.string().default('Asia/Baghdad').refine(isTimeZone, 'expected an IANA time zone such as Asia/Baghdad'),
};

const workflowEnvSchema = z.object(workflowEnvShape);

export function workflowSettingsFrom(env: z.infer<typeof workflowEnvSchema>): WorkflowSettings {
  return {
    consentAdultAge: env.CONSENT_ADULT_AGE,
    assentFromAge: env.CONSENT_ASSENT_FROM_AGE,
    answerWorkingDays: env.REFERRAL_ANSWER_WORKING_DAYS,
    urgentAnswerHours: env.REFERRAL_URGENT_ANSWER_HOURS,
    workingDays: env.WORKING_DAYS,
    timeZone: env.TIME_ZONE,
  };
}

/** The settings with every variable unset (tests, and callers that configure nothing). */
export const DEFAULT_WORKFLOW_SETTINGS: WorkflowSettings = workflowSettingsFrom(workflowEnvSchema.parse({}));

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function weekdayIndex(day: Weekday): number {
  return WEEKDAYS.indexOf(day);
}
