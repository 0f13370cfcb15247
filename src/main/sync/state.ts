import type { TokenRefusal } from '../../shared/contract/syncWire.js';
import { UserError } from '../../shared/errors.js';
import type { DeskServices } from '../core/deskServices.js';
import type { ReadableDB } from '../db/handles.js';

export interface SyncState {
  serverUrl: string;
  deskId: string;
  deskName: string;
  centreId: string | null;
  cursor: number;
  lastSyncAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  /** Why the service last refused this desk's token; null once a round gets through. */
  refusal: TokenRefusal | null;
}

export function readSyncState(db: ReadableDB): SyncState | null {
  return (
    db.first(
      db
        .selectFrom('sync_state')
        .where('id', '=', 1)
        .select([
          'server_url as serverUrl',
          'desk_id as deskId',
          'desk_name as deskName',
          'centre_id as centreId',
          'cursor',
          'last_sync_at as lastSyncAt',
          'last_attempt_at as lastAttemptAt',
          'last_error as lastError',
          'refusal',
        ]),
    ) ?? null
  );
}

/** The joined desk's state and token, or a clear error when it has not joined. */
export function joinedDesk(desk: DeskServices): { state: SyncState; token: string } {
  const state = readSyncState(desk.read);
  const token = desk.secrets.get('sync.token');
  if (!state || !token) {
    throw new UserError(
      'not_configured',
      'This desk has not joined a central service. An administrator joins it under Settings, Sync (or: kmlttb sync --server URL --user U --password-file F).',
    );
  }
  return { state, token };
}

export function opsWaiting(db: ReadableDB): number {
  return db.first(db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')))!.n;
}

/** Licences issued on this desk still waiting for the central service's number (`PENDING-…`, a negative sequence), not revoked. */
export function pendingLicences(db: ReadableDB) {
  return db.selectFrom('licences').where('sequence', '<', 0).where('state', 'in', ['issued', 'dispatched', 'at_centre']);
}

export function licencesPending(db: ReadableDB): number {
  return db.first(pendingLicences(db).select((eb) => eb.fn.countAll<number>().as('n')))!.n;
}
