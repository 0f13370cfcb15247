import { z } from 'zod';
import { insecureAddressProblem } from '../secureUrl.js';
import type { TokenRefusal } from './syncWire.js';

/** Commands and queries of a desk's sync with the central service (the wire protocol is syncWire.ts). */

export const syncJoinInput = z.object({
  serverUrl: z
    .string()
    .trim()
    .max(300)
    .refine((v) => insecureAddressProblem(v) === null, {
      error: (issue) => `The central service's address ${insecureAddressProblem(String(issue.input))}`,
    }),
  deskName: z.string().trim().min(1, 'Give this desk a name').max(100),
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
  /** A desk that serves one collection centre (its clerks' desk at an RBTC counter). */
  centreCode: z.string().trim().max(40).optional(),
});
export interface SyncJoinResult {
  serverUrl: string;
  deskName: string;
  centreName: string | null;
  users: number;
}

/** A desk the central service refuses (withdrawn, expired) joins again, signing in there. */
export const syncJoinAgainInput = syncJoinInput.pick({ username: true, password: true });
export interface SyncJoinAgainResult {
  serverUrl: string;
  deskName: string;
  centreName: string | null;
}

export const syncLeaveInput = z.object({
  /** Changes not yet sent are lost, and licences still waiting for their numbers cancelled, when the desk leaves: the caller must say so. */
  discardWaiting: z.boolean().default(false),
});

export const syncDismissInput = z.object({ opId: z.string().min(1).max(64) });

/** Central service: a desk joins, in the name of the user who signed in for it. */
export const syncRegisterDeskInput = z.object({
  deskName: z.string().trim().min(1).max(100),
  centreCode: z.string().trim().max(40).optional(),
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  originId: z.string().min(1).max(64),
});
export interface SyncRegisterDeskResult {
  deskId: string;
  centreId: string | null;
  centreName: string | null;
}

/**
 * Withdraws a desk from the central service: its token is refused from then on. Pushed like any
 * change; the service applies it. The desk it is run on is withdrawn only when `confirmThisDesk` says so.
 */
export const syncWithdrawDeskInput = z.object({
  deskId: z.string().trim().min(1).max(64),
  confirmThisDesk: z.boolean().default(false),
});

/** A desk that joined the central service, as Settings, Sync lists it (never its token). */
export interface SyncDeskRow {
  id: string;
  name: string;
  centreName: string | null;
  joinedBy: string;
  joinedAt: string;
  lastSeenAt: string | null;
  /** Expired: its token was not used for DESK_TOKEN_EXPIRES_UNUSED_DAYS (syncWire.ts); it joins again. */
  state: 'active' | 'withdrawn' | 'expired';
  withdrawnBy: string | null;
  withdrawnAt: string | null;
  /** The desk this list is read on. */
  thisDesk: boolean;
}

/** Why the central service last refused this desk's token, and what to do (null while it accepts it). */
export interface SyncRefusal {
  kind: TokenRefusal;
  headline: string;
  advice: string;
}

export interface SyncRejection {
  opId: string;
  name: string;
  /** What the op was about, as far as the desk can tell (e.g. the application's reference). */
  subject: string;
  at: string;
  reason: string;
  rejectedAt: string;
}

export interface SyncStatus {
  joined: boolean;
  serverUrl: string | null;
  deskName: string | null;
  centreName: string | null;
  /** The last round reached the server (false when the last attempt failed, null before any). */
  online: boolean | null;
  opsWaiting: number;
  /** Licences issued here still waiting for the service's number: leaving cancels them unless a sync numbers them first. */
  licencesPending: number;
  lastSyncAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  /** A round is running now; during the first sync, how far it has got. */
  syncing: boolean;
  progress: { received: number; cursor: number; latest: number } | null;
  /** The service refused this desk's token at the last attempt: it cannot sync until it joins again. */
  refusal: SyncRefusal | null;
  /** The signed-in user's ops that the server refused, not yet dismissed. */
  rejections: SyncRejection[];
  /** The service refused this desk as older than itself at the last attempt: the app's update it offers. */
  update: UpdateOffer | null;
}

/** An update the central service offers a desk it refuses as too old. */
export interface UpdateOffer {
  /** What the shell says, e.g. "An update is available from the central service (version 0.2.0)." */
  message: string;
  /** The installer on the service for this desk's platform (browser mode downloads it); null when the service offers none. */
  downloadUrl: string | null;
}
