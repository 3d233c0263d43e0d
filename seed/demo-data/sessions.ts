import type { Coding, Encounter, Patient, Reference } from '@medplum/fhirtypes';
import { ENCOUNTER_CLASS_OF_MODALITY, PM_PLUS_SESSION_URL } from '../../server/clinical/service-encounter.js';
import { getHiwaCodeSystem } from '../../server/fhir/definitions.js';
import { practitioner, type DemoActor, type DemoContext, type DemoSite } from './context.js';
import { instant, MINUTE, plus } from './time.js';

const SERVICE_TYPE = 'https://hiwa.health/fhir/CodeSystem/service-type';
const MODALITY = 'https://hiwa.health/fhir/CodeSystem/modality';

export type Modality = 'community-centre' | 'mobile-team' | 'outreach-visit' | 'remote-phone';

export interface SessionFacts {
  id: string;
  /** when it ended (and was written up) */
  at: Date;
  actor: DemoActor;
  /** a code of Hiwa's service-type CodeSystem */
  service: string;
  modality: Modality;
  site: DemoSite;
  /** the attendee; absent for the group's own Encounter */
  subject?: Reference<Patient>;
  episodeOfCare?: string;
  /** the group session an attendee's Encounter belongs to */
  partOf?: string;
  minutes?: number;
  /** security labels (a psychiatric consultation is PSY: clinical roles only) */
  security?: Coding[];
  /** which of the five PM+ sessions this was (service pm-plus only) */
  pmPlusSession?: number;
}

/** A service delivered: who, what (the catalogue's service type), how (modality), where and when. */
export function sessionEncounter(context: DemoContext, facts: SessionFacts): Encounter & { id: string } {
  const start = plus(facts.at, -(facts.minutes ?? 50) * MINUTE);
  return {
    resourceType: 'Encounter',
    id: facts.id,
    ...(facts.security === undefined ? {} : { meta: { security: facts.security } }),
    ...(facts.pmPlusSession === undefined ? {} : { extension: [{ url: PM_PLUS_SESSION_URL, valueInteger: facts.pmPlusSession }] }),
    status: 'finished',
    class: ENCOUNTER_CLASS_OF_MODALITY[facts.modality],
    type: [{ coding: [hiwaCoding(MODALITY, facts.modality)] }],
    serviceType: { coding: [hiwaCoding(SERVICE_TYPE, facts.service)] },
    ...(facts.subject === undefined ? {} : { subject: facts.subject }),
    ...(facts.episodeOfCare === undefined ? {} : { episodeOfCare: [{ reference: `EpisodeOfCare/${facts.episodeOfCare}` }] }),
    ...(facts.partOf === undefined ? {} : { partOf: { reference: `Encounter/${facts.partOf}` } }),
    participant: [{ individual: practitioner(context, facts.actor) }],
    period: { start: instant(start), end: instant(facts.at) },
    location: [{ location: { reference: `Location/${facts.site.id}`, display: facts.site.name } }],
    serviceProvider: { reference: `Organization/${facts.site.organizationId}` },
  };
}

/** A coding of one of Hiwa's CodeSystems with its display; a code the CodeSystem lacks is a mistake in the demo. */
export function hiwaCoding(system: string, code: string): Coding {
  const concept = getHiwaCodeSystem(system)?.concept?.find((c) => c.code === code);
  if (concept === undefined) throw new Error(`demo data: ${system} has no code ${code}`);
  return { system, code, display: concept.display };
}
