import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { resetCollabSocket } from '../collab/collab-socket';
import { clearLocalDocuments } from '../collab/local-store';
import { type SessionUserView, trpc } from '../trpc/client';
import { describeApiError } from '../trpc/errors';

export type SessionState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'anonymous' }
  | { status: 'signed-in'; user: SessionUserView };

export type Session = {
  state: SessionState;
  /** Asks the server who is signed in (after login, signup, or when a call said UNAUTHORIZED). */
  refresh: () => Promise<void>;
  signedIn: (user: SessionUserView) => void;
  logout: (everywhere: boolean) => Promise<void>;
};

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const { user } = await trpc.auth.me.query();
      setState(user ? { status: 'signed-in', user } : { status: 'anonymous' });
    } catch (error) {
      setState({ status: 'error', message: describeApiError(error).message });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signedIn = useCallback((user: SessionUserView) => setState({ status: 'signed-in', user }), []);

  const logout = useCallback(async (everywhere: boolean) => {
    await trpc.auth.logout.mutate({ everywhere });
    resetCollabSocket();
    // Offline copies of workflows belong to the account that opened them, not to the next person here.
    await clearLocalDocuments();
    setState({ status: 'anonymous' });
  }, []);

  const value = useMemo(() => ({ state, refresh, signedIn, logout }), [state, refresh, signedIn, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only for screens rendered behind the sign-in gate. */
export function useUser(): SessionUserView {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useUser without a signed-in user');
  return state.user;
}
