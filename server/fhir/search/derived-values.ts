import type { TypedValue } from '@medplum/core';
import type { ContactPoint, HumanName } from '@medplum/fhirtypes';
import { nameKeysOfName } from '../../clinical/patient-match/blocking-keys.js';
import { phoneKey } from '../../clinical/patient-match/match-facts.js';
import type { IndexRows, TokenRow } from './index-rows.js';

type TokenValues = (tv: TypedValue) => Omit<TokenRow, 'param'>[];

/**
 * Index values that FHIRPath cannot compute, by the code a Hiwa SearchParameter names in its extension
 * `search-value-derivation`: the duplicate check's blocking keys of a name, and a phone number's last nine
 * digits. Each is a token (code only), so a search asks for a key exactly.
 */
const DERIVATIONS: Record<string, { type: keyof IndexRows; values: TokenValues }> = {
  'name-blocking-keys': {
    type: 'token',
    values: (tv) => (tv.type === 'HumanName' ? nameKeysOfName(tv.value as HumanName).map(code) : []),
  },
  'phone-digits': {
    type: 'token',
    values: (tv) => (tv.type === 'ContactPoint' ? phoneKey(tv.value as ContactPoint).map(code) : []),
  },
};

function code(value: string): Omit<TokenRow, 'param'> {
  return { system: null, code: value, text: null };
}

/** The derivation a SearchParameter names; a name Hiwa does not know, or another type, fails at start. */
export function derivedValues(name: string, type: keyof IndexRows): TokenValues {
  const derivation = DERIVATIONS[name];
  if (!derivation || derivation.type !== type) throw new Error(`Unknown search value derivation ${name} for a ${type} parameter`);
  return derivation.values;
}
