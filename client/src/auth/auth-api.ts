import { errorFromResponse, fetchOrFail } from '../api/api-error.js';
import { isTokenPair, type TokenPair } from './token-pair.js';

export interface Credentials {
  username: string;
  password: string;
  /** the authenticator app's code, for accounts with a second factor */
  totp?: string;
}

async function postJson(path: string, body: unknown): Promise<Response> {
  const response = await fetchOrFail(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw await errorFromResponse(response);
  return response;
}

async function tokenPairFrom(response: Response): Promise<TokenPair> {
  const body: unknown = await response.json();
  if (!isTokenPair(body)) throw new Error('The server answered without a token pair');
  return body;
}

/** `POST /auth/login`; a refusal (401, 429 with Retry-After, 400 per field) is thrown as an ApiError. */
export async function logIn(credentials: Credentials): Promise<TokenPair> {
  const body = credentials.totp ? credentials : { username: credentials.username, password: credentials.password };
  return tokenPairFrom(await postJson('/auth/login', body));
}

/** `POST /auth/refresh`: a new pair; the refresh token given is spent. */
export async function refreshTokens(refreshToken: string): Promise<TokenPair> {
  return tokenPairFrom(await postJson('/auth/refresh', { refresh_token: refreshToken }));
}

/** `POST /auth/logout`: the server revokes the session's refresh tokens. */
export async function logOut(refreshToken: string): Promise<void> {
  await postJson('/auth/logout', { refresh_token: refreshToken });
}
