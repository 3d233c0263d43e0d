/** What `/auth/login` and `/auth/refresh` answer. */
export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: string;
  /** seconds the access token lives */
  expires_in: number;
}

export function isTokenPair(value: unknown): value is TokenPair {
  if (typeof value !== 'object' || value === null) return false;
  const pair = value as Record<string, unknown>;
  return typeof pair.access_token === 'string' && typeof pair.refresh_token === 'string';
}
