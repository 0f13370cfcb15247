import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionInfo } from '../../../shared/contract/session.js';
import { ApiError } from '../api/ApiError.js';
import { bridge, setSessionProblemHandler, unwrap } from '../api/client.js';
import { useAnnouncerQuiet } from '../shell/Announcer.js';
import { SessionContext, type SessionState, type SessionValue } from './SessionContext.js';

/** Screens keep their filters in sessionStorage under this prefix. */
const SCREEN_STATE_PREFIX = 'kmlttb.screen.';

function forgetScreenState(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(SCREEN_STATE_PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // No storage: nothing was kept.
  }
}

const initial: SessionState = { phase: 'loading', session: null, locked: false, notice: null, startupError: null };

async function startup(): Promise<Pick<SessionState, 'phase' | 'session' | 'locked' | 'codeRequired'>> {
  const first = unwrap(await bridge().firstRun());
  if (first.needsAdmin) return { phase: 'firstRun', session: null, locked: false, codeRequired: first.codeRequired };
  const current = await bridge().session();
  if (current.ok) {
    return current.value ? { phase: 'app', session: current.value, locked: false } : { phase: 'signIn', session: null, locked: false };
  }
  if (current.error.code === 'session_locked') return { phase: 'app', session: null, locked: true };
  if (current.error.code === 'not_signed_in') return { phase: 'signIn', session: null, locked: false };
  throw new ApiError(current.error);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const setAnnouncerQuiet = useAnnouncerQuiet();
  const [state, setState] = useState<SessionState>(initial);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    startup().then(
      (s) => live && setState({ ...s, notice: null, startupError: null }),
      (error: unknown) => live && setState({ ...initial, startupError: error }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  useEffect(() => {
    setSessionProblemHandler((problem) => {
      setState((s) => {
        if (s.phase !== 'app') return s;
        if (problem === 'session_locked') return s.locked ? s : { ...s, locked: true };
        return { phase: 'signIn', session: null, locked: false, notice: 'Your session has ended. Sign in again.', startupError: null };
      });
    });
    return () => setSessionProblemHandler(null);
  }, []);

  // The status line holds what the signed-in person did: empty it when they sign out or the screen locks.
  const present = state.phase === 'app' && !state.locked;
  useEffect(() => setAnnouncerQuiet(!present), [present, setAnnouncerQuiet]);

  // Personal data must not linger in the cache (or a saved search) of a signed-out desk.
  useEffect(() => {
    if (state.phase === 'signIn' || state.phase === 'firstRun') {
      queryClient.clear();
      forgetScreenState();
    }
  }, [state.phase, queryClient]);

  const signedIn = useCallback(
    (session: SessionInfo) => {
      queryClient.clear();
      setState({ phase: 'app', session, locked: false, notice: null, startupError: null });
    },
    [queryClient],
  );

  const adminExists = useCallback((notice: string) => {
    setState({ phase: 'signIn', session: null, locked: false, notice, startupError: null });
  }, []);

  const lockNow = useCallback(async () => {
    setState((s) => (s.phase === 'app' ? { ...s, locked: true } : s));
    await bridge().lock();
  }, []);

  const unlocked = useCallback(
    (session: SessionInfo) => {
      setState((s) => ({ ...s, phase: 'app', session, locked: false, notice: null }));
      void queryClient.invalidateQueries();
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await bridge().logout();
    } finally {
      setState({ phase: 'signIn', session: null, locked: false, notice: null, startupError: null });
    }
  }, []);

  const retryStartup = useCallback(() => {
    setState(initial);
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo<SessionValue>(
    () => ({ ...state, signedIn, adminExists, lockNow, unlocked, signOut, retryStartup }),
    [state, signedIn, adminExists, lockNow, unlocked, signOut, retryStartup],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
