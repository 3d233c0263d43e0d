import { ApiError } from '../api/api-error.js';
import type { AccessTokenSource } from '../api/http-client.js';
import { refreshTokens } from './auth-api.js';
import { loadStoredTokens, storeTokens } from './session-storage.js';
import type { TokenPair } from './token-pair.js';

/**
 * The session's token pair, in memory and in sessionStorage. Refreshing is single-flight: refresh tokens
 * rotate and a spent one revokes the whole session, so two requests that both meet a 401 must share one
 * refresh rather than each spending the same token.
 */
export class SessionTokens implements AccessTokenSource {
  private pair: TokenPair | undefined = loadStoredTokens();
  private refreshing: Promise<boolean> | undefined;
  private readonly endedListeners = new Set<() => void>();

  get current(): TokenPair | undefined {
    return this.pair;
  }

  accessToken(): string | undefined {
    return this.pair?.access_token;
  }

  set(pair: TokenPair | undefined): void {
    this.pair = pair;
    storeTokens(pair);
  }

  /** called when a refresh fails: the server no longer honours this session */
  onEnded(listener: () => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  refresh(): Promise<boolean> {
    this.refreshing ??= this.refreshOnce().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refreshOnce(): Promise<boolean> {
    const refreshToken = this.pair?.refresh_token;
    if (!refreshToken) return false;
    try {
      this.set(await refreshTokens(refreshToken));
      return true;
    } catch (error) {
      // Unreachable server: the session may well be alive; keep it and let this request fail.
      if (error instanceof ApiError && error.status === 0) return false;
      this.set(undefined);
      for (const listener of this.endedListeners) listener();
      return false;
    }
  }
}
