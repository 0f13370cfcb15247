import { createContext, useContext } from 'react';
import type { SessionInfo } from '../../../shared/contract/session.js';
import type { Permission } from '../../../shared/permissions.js';

export type Phase = 'loading' | 'firstRun' | 'signIn' | 'app';

export interface SessionState {
  phase: Phase;
  session: SessionInfo | null;
  locked: boolean;
  /** Why the person was sent back to sign in, if they did not choose to. */
  notice: string | null;
  /** The first answer could not be had at all. */
  startupError: unknown;
  /** First run in browser mode: creating the administrator takes the one-time code `kmlttb web` printed. */
  codeRequired?: boolean;
}

export interface SessionActions {
  signedIn(session: SessionInfo): void;
  /** The first run found (or left) an administrator: the sign-in form, with why. */
  adminExists(notice: string): void;
  lockNow(): Promise<void>;
  unlocked(session: SessionInfo): void;
  signOut(): Promise<void>;
  retryStartup(): void;
}

export type SessionValue = SessionState & SessionActions;

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in session; only for components rendered inside the app shell. */
export function useSignedIn(): SessionInfo {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn without a session');
  return session;
}

export function useCan(permission: Permission): boolean {
  const { session } = useSession();
  return session?.permissions.includes(permission) ?? false;
}
