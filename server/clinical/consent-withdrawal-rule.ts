import type { Consent, EpisodeOfCare } from '@medplum/fhirtypes';
import { endGrantsOfConsent } from '../store/referral-access.js';
import type { WriteRule } from '../store/repository.js';
import { findCaseClinicians } from './case-clinicians.js';
import { isWithdrawal, withdrawalTask } from './consent-withdrawal.js';
import { findResources } from './find-resources.js';

/**
 * A withdrawal takes effect at once, in its own transaction: the grants that rest on the Consent end (the
 * access rule already ignores a grant whose Consent is no longer active; ending it records when), referral
 * access is recomputed by the referral-access rule, the Directorate's flag by the store, and each open case
 * of the patient gets a consent-withdrawn Task (consent-withdrawal.ts).
 */
export const consentWithdrawalRule: WriteRule = {
  resourceTypes: ['Consent'],
  async afterWrite(repo, stored, previous) {
    const consent = stored as Consent & { id: string };
    if (!isWithdrawal(consent, previous as Consent | undefined)) return;
    const server = repo.asServer('consent withdrawal');
    const now = repo.now();
    await server.auditedAccess({ subtype: 'operation', action: 'E' }, (db) => endGrantsOfConsent(db, consent.id, now));
    const patient = consent.patient?.reference;
    if (patient === undefined) return;
    const { supervisors } = await findCaseClinicians(repo, consent.patient);
    const open = await findResources<EpisodeOfCare & { id: string }>(server, 'EpisodeOfCare', [['patient', patient], ['status', 'planned,waitlist,active,onhold']]);
    const episodes = open.length === 0 ? [undefined] : open;
    await server.createMany(episodes.map((episode) => withdrawalTask({ consent, ...(episode === undefined ? {} : { episode }), supervisors, now })));
  },
};
