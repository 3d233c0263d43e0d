import fc from 'fast-check';
import { bearer, FHIR, percentEncode, show, type Attack, type HostileRequest } from './attack.js';
import { hostileValue } from './hostile-values.js';

/**
 * Hostile searches in every parameter type, on the types a caseworker searches and a few they may not: as
 * GET (percent-encoded, or with raw and broken escapes) and as POST _search, one to six parameters.
 */
const parametersByType: Record<string, readonly string[]> = {
  Patient: ['name', 'family', 'given', 'address', 'gender', 'identifier', 'birthdate', 'telecom', 'organization', 'general-practitioner', 'link'],
  Observation: ['code', 'subject', 'patient', 'date', 'value-quantity', 'value-concept', 'category', 'status', 'encounter', 'performer'],
  QuestionnaireResponse: ['questionnaire', 'subject', 'patient', 'authored', 'status', 'author'],
  Task: ['owner', 'patient', 'priority', 'status', 'focus', 'authored-on', 'requester'],
  Flag: ['patient', 'subject', 'date', 'author'],
  ServiceRequest: ['patient', 'performer', 'requester', 'authored', 'code', 'status'],
  EpisodeOfCare: ['patient', 'care-manager', 'status', 'date'],
  Condition: ['patient', 'code', 'onset-date', 'clinical-status'],
  RiskAssessment: ['probability', 'subject', 'date'],
  Questionnaire: ['url', 'name', 'version', 'status'],
  AuditEvent: ['agent', 'entity', 'date', 'patient'],
  Practitioner: ['name', 'identifier'],
  Location: ['name', 'organization', 'address'],
};
const common = ['_id', '_lastUpdated', '_tag', '_security', '_profile', '_sort', '_count', '_include', '_revinclude', '_elements', '_summary', '_total', '_cursor', '_has', '_text', '_content', '_list'];
const modifiers = ['', '', '', ':exact', ':contains', ':missing', ':not', ':text', ':below', ':above', ':Patient', ':iterate', ':identifier', ':of-type', ':nope', ':exact:contains'];
const chains = ['subject:Patient.name', 'patient.birthdate', 'subject.organization.name', 'subject:Patient._id', 'patient:Patient.link:Patient.name', 'subject:Patient.'];

type Param = [string, string];

function parameter(attack: Attack, type: string): fc.Arbitrary<Param> {
  const name = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...parametersByType[type], ...common), fc.constantFrom(...modifiers)).map(([n, m]) => n + m) },
    { weight: 1, arbitrary: fc.constantFrom(...chains) },
    { weight: 1, arbitrary: hostileValue(attack) },
  );
  return fc.tuple(name, hostileValue(attack));
}

/** Percent-encoding as a browser does it, none at all, or escapes that are broken or decode to NUL and overlong UTF-8. */
const encoders: readonly ((s: string) => string)[] = [
  percentEncode,
  percentEncode,
  (s) => s.replace(/[\s#&]/g, percentEncode),
  (s) => `${percentEncode(s)}%`,
  (s) => `${percentEncode(s)}%zz%C0%AE%ED%A0%80%00`,
];

export function searchRequest(attack: Attack): fc.Arbitrary<HostileRequest> {
  return fc
    .constantFrom(...Object.keys(parametersByType))
    .chain((type) => fc.tuple(fc.constant(type), fc.array(parameter(attack, type), { minLength: 1, maxLength: 6 }), fc.nat(encoders.length - 1), fc.boolean()))
    .map(([type, params, encoder, viaPost]): HostileRequest => {
      const encode = encoders[encoder];
      const query = params.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
      const label = `${viaPost ? 'POST' : 'GET'} ${type}?${params.map(([k, v]) => `${show(k, 30)}=${show(v, 40)}`).join('&')}`;
      if (viaPost) {
        return {
          method: 'POST',
          target: `${FHIR}/${type}/_search`,
          headers: [bearer(attack), ['Content-Type', 'application/x-www-form-urlencoded']],
          body: Buffer.from(query, 'latin1'),
          label,
        };
      }
      // Beyond what a URL may be, a client would have to POST; sending it anyway tests the server's header limit.
      return { method: 'GET', target: `${FHIR}/${type}?${query}`, headers: [bearer(attack)], label };
    });
}
