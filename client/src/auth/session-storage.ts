import { isTokenPair, type TokenPair } from './token-pair.js';

// sessionStorage, not localStorage: the tokens outlive a reload of the tab but not the tab itself, so a
// shared clinic computer does not keep someone signed in after they close the window.
const KEY = 'hiwa.session';

export function loadStoredTokens(): TokenPair | undefined {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    return isTokenPair(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function storeTokens(tokens: TokenPair | undefined): void {
  try {
    if (tokens) sessionStorage.setItem(KEY, JSON.stringify(tokens));
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage blocked: the session still lives in memory until the tab reloads
  }
}
