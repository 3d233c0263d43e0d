import { errorFromResponse, fetchOrFail } from './api-error.js';

/** Where the client gets the bearer token, and how it gets a fresh one; implemented by the session. */
export interface AccessTokenSource {
  accessToken(): string | undefined;
  /** true when a new access token is in place, false when the session is over */
  refresh(): Promise<boolean>;
}

export interface HttpClient {
  /** the response of a successful request (2xx); any other answer is thrown as an ApiError */
  send(path: string, init?: RequestInit): Promise<Response>;
  json<T>(path: string, init?: RequestInit): Promise<T>;
}

/**
 * Requests to the same origin with the session's bearer token. A 401 means the access token expired (15
 * minutes by default): the session is refreshed once and the request repeated; if that fails the 401 stands.
 */
export function createHttpClient(tokens: AccessTokenSource): HttpClient {
  const attempt = (path: string, init: RequestInit): Promise<Response> => {
    const headers = new Headers(init.headers);
    const token = tokens.accessToken();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    return fetchOrFail(path, { ...init, headers });
  };
  const send = async (path: string, init: RequestInit = {}): Promise<Response> => {
    let response = await attempt(path, init);
    if (response.status === 401 && (await tokens.refresh())) response = await attempt(path, init);
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  };
  return {
    send,
    async json<T>(path: string, init?: RequestInit): Promise<T> {
      const response = await send(path, init);
      return (await response.json()) as T;
    },
  };
}
