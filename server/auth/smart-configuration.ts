import { assertionAlgorithms } from './client-assertion.js';

/** The SMART configuration document (`/.well-known/smart-configuration`) for Backend Services. */
export function smartConfiguration(tokenEndpoint: string): Record<string, unknown> {
  return {
    token_endpoint: tokenEndpoint,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: [...assertionAlgorithms],
    scopes_supported: ['system/*.read', 'system/*.rs', 'system/*.write', 'system/*.cud', 'system/*.*', 'system/*.cruds'],
    capabilities: ['client-confidential-asymmetric', 'permission-v1', 'permission-v2'],
  };
}
