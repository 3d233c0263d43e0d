/**
 * The services of Hiwa's service-type CodeSystem whose Encounters carry the `PSY` label, whoever records
 * them: psychiatric and psychological consultations and counselling, where the notes hold what a person
 * said in therapy or a psychiatric assessment (services.md: layer 4 and the counselling of layer 3). Only
 * clinicians and supervisors read them; a caseworker recording one is refused, since they could not read
 * it back.
 *
 * Left out on purpose: `referral-specialised` (a case-management step the caseworker follows up; the
 * referral's content travels in its ServiceRequest), and the rest of layer 3 — emotional support, PFA,
 * PM+ and the return kit are delivered by caseworkers and lay helpers, who must see their own sessions.
 */
export const PSY_SERVICE_TYPES: ReadonlySet<string> = new Set([
  // layer 4: specialised services
  'psychiatric-consultation',
  'psychological-consultation',
  'family-psychoeducation',
  'rapid-intervention',
  // layer 3: counselling
  'individual-counselling',
  'group-counselling',
]);
