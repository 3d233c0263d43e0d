import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { AdminApi } from '../api/admin-api.js';
import { FhirClient } from '../api/fhir-client.js';
import { createHttpClient, type HttpClient } from '../api/http-client.js';
import { logIn, logOut, type Credentials } from './auth-api.js';
import { fetchPrincipal, type StaffPrincipal } from './principal.js';
import { SessionTokens } from './session-tokens.js';

export type SessionState =
  | { status: 'restoring' }
  | { status: 'signed-out'; ended?: boolean }
  | { status: 'signed-in'; principal: StaffPrincipal };

export interface Session {
  state: SessionState;
  logIn(credentials: Credentials): Promise<void>;
  logOut(): Promise<void>;
  fhir: FhirClient;
  admin: AdminApi;
}

/** Thrown by logIn when the account is valid but not a member of staff the web client serves. */
export class NotStaffError extends Error {}

const SessionContext = createContext<Session | undefined>(undefined);

async function principalOrUndefined(http: HttpClient): Promise<StaffPrincipal | undefined> {
  try {
    return await fetchPrincipal(http);
  } catch {
    return undefined;
  }
}

/** The signed-in session: tokens, who holds them, and the API clients that send them. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [tokens] = useState(() => new SessionTokens());
  const http = useMemo(() => createHttpClient(tokens), [tokens]);
  const [state, setState] = useState<SessionState>(() => (tokens.current ? { status: 'restoring' } : { status: 'signed-out' }));

  // A reloaded tab carries its tokens in sessionStorage: ask the server who they belong to.
  useEffect(() => {
    if (!tokens.current) return;
    let current = true;
    void principalOrUndefined(http).then((principal) => {
      if (!current) return;
      if (!principal) tokens.set(undefined);
      setState(principal ? { status: 'signed-in', principal } : { status: 'signed-out' });
    });
    return () => {
      current = false;
    };
  }, [http, tokens]);

  useEffect(() => tokens.onEnded(() => setState({ status: 'signed-out', ended: true })), [tokens]);

  const signIn = useCallback(
    async (credentials: Credentials) => {
      tokens.set(await logIn(credentials));
      const principal = await principalOrUndefined(http);
      if (!principal) {
        tokens.set(undefined);
        throw new NotStaffError();
      }
      setState({ status: 'signed-in', principal });
    },
    [http, tokens],
  );

  const signOut = useCallback(async () => {
    const refreshToken = tokens.current?.refresh_token;
    tokens.set(undefined);
    setState({ status: 'signed-out' });
    // Revoking is best effort: the tokens are already gone from this browser.
    if (refreshToken) await logOut(refreshToken).catch(() => undefined);
  }, [tokens]);

  const clients = useMemo(() => ({ fhir: new FhirClient(http), admin: new AdminApi(http) }), [http]);
  const session = useMemo<Session>(() => ({ state, logIn: signIn, logOut: signOut, ...clients }), [state, signIn, signOut, clients]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSession is used outside SessionProvider');
  return session;
}

/** The signed-in principal; for pages that only render inside a signed-in session. */
export function usePrincipal(): StaffPrincipal {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('usePrincipal is used outside a signed-in session');
  return state.principal;
}
