import type { SyncRefusal, SyncRejection, SyncStatus } from '../../shared/contract/sync.js';
import { DESK_TOKEN_EXPIRES_UNUSED_DAYS, type TokenRefusal } from '../../shared/contract/syncWire.js';
import { defineQuery } from '../core/registry.js';
import type { ReadableDB } from '../db/handles.js';
import { syncRuntime } from './runtime.js';
import { licencesPending, opsWaiting, readSyncState } from './state.js';

/** What the shell shows: joined or alone, online or not, ops waiting, last sync, and my refused changes. */
export const syncStatus = defineQuery('sync.status', async ({ db, desk, actor }): Promise<SyncStatus> => {
  const state = readSyncState(db);
  const runtime = syncRuntime(desk);
  const centreName = state?.centreId ? (db.first(db.selectFrom('centres').select('name').where('id', '=', state.centreId))?.name ?? null) : null;
  const rejections = db
    .all(
      db
        .selectFrom('sync_rejections')
        .select(['op_id as opId', 'name', 'input', 'at', 'reason', 'rejected_at as rejectedAt'])
        .where('actor_id', 'is', actor.id)
        .where('dismissed_at', 'is', null)
        .orderBy('rejected_at', 'desc')
        .limit(50),
    )
    .map(({ input, ...r }): SyncRejection => ({ ...r, subject: subjectOf(db, input) }));
  return {
    joined: state !== null,
    serverUrl: state?.serverUrl ?? null,
    deskName: state?.deskName ?? null,
    centreName,
    online: !state?.lastAttemptAt ? null : state.lastError === null,
    opsWaiting: opsWaiting(db),
    licencesPending: licencesPending(db),
    lastSyncAt: state?.lastSyncAt ?? null,
    lastAttemptAt: state?.lastAttemptAt ?? null,
    lastError: state?.lastError ?? null,
    syncing: runtime.syncing,
    progress: runtime.progress,
    refusal: state?.refusal ? refusalShown(state.refusal) : null,
    rejections,
    update: runtime.update,
  };
});

const REFUSAL_HEADLINE: Record<TokenRefusal, string> = {
  withdrawn: 'This desk was withdrawn from the central service.',
  expired: `This desk's access to the central service expired (not used for ${DESK_TOKEN_EXPIRES_UNUSED_DAYS} days).`,
  unknown: 'The central service does not know this desk.',
};

/** What the shell says when the service refuses this desk's token: it cannot sync until it joins again. */
function refusalShown(kind: TokenRefusal): SyncRefusal {
  return {
    kind,
    headline: REFUSAL_HEADLINE[kind],
    advice: 'To sync again, an administrator joins it again (Settings, Sync).',
  };
}

/** The record an op was about, named as staff know it (an application's reference, a licence's number). */
function subjectOf(db: ReadableDB, input: string): string {
  const parsed = JSON.parse(input) as Record<string, unknown>;
  const id = typeof parsed.id === 'string' ? parsed.id : typeof parsed.applicationId === 'string' ? parsed.applicationId : null;
  if (!id) return '';
  const found = db.first(
    db
      .selectFrom('applications')
      .select('application_ref as subject')
      .where('id', '=', id)
      .unionAll(db.selectFrom('licences').select('licence_no as subject').where('id', '=', id))
      .unionAll(db.selectFrom('payments').select('transaction_id as subject').where('id', '=', id))
      .limit(1),
  );
  return found?.subject ?? '';
}
