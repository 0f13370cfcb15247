import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { TokenRefusal } from '../../shared/contract/syncWire.js';
import { UserError } from '../../shared/errors.js';
import type { DeskServices } from '../core/desk.js';

export interface SyncState {
  serverUrl: string; deskId: string; deskName: string; centreId: string | null; cursor: number;
  lastSyncAt: string | null; lastAttemptAt: string | null; lastError: string | null;
  /** Why the service last refused this desk's token; null once a round gets through. */
  refusal: TokenRefusal | null;
}

export function readSyncState(sqlite: BetterSqlite3.Database): SyncState | null {
  return (sqlite
    .prepare(`SELECT server_url AS serverUrl, desk_id AS deskId, desk_name AS deskName, centre_id AS centreId, cursor,
                     last_sync_at AS lastSyncAt, last_attempt_at AS lastAttemptAt, last_error AS lastError, refusal
              FROM sync_state WHERE id = 1`)
    .get() as SyncState | undefined) ?? null;
}

/** The joined desk's state and token, or a clear error when it has not joined. */
export function joinedDesk(desk: DeskServices): { state: SyncState; token: string } {
  const state = readSyncState(desk.sqlite);
  const token = desk.secrets.get('sync.token');
  if (!state || !token) {
    throw new UserError('not_configured', 'This desk has not joined a central service. An administrator joins it under Settings, Sync (or: kmlttb sync --server URL --user U --password-file F).');
  }
  return { state, token };
}

export function opsWaiting(sqlite: BetterSqlite3.Database): number {
  return sqlite.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
}

/** Licences issued on this desk still waiting for the central service's number (`PENDING-…`, a negative sequence), not revoked. */
export const PENDING_LICENCES = `sequence < 0 AND state IN ('issued', 'dispatched', 'at_centre')`;

export function licencesPending(sqlite: BetterSqlite3.Database): number {
  return sqlite.prepare(`SELECT count(*) FROM licences WHERE ${PENDING_LICENCES}`).pluck().get() as number;
}
