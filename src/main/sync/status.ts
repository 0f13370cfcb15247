import type { SyncRefusal, SyncRejection, SyncStatus } from '../../shared/contract/sync.js';
import { DESK_TOKEN_EXPIRES_UNUSED_DAYS, type TokenRefusal } from '../../shared/contract/syncWire.js';
import { defineQuery } from '../core/registry.js';
import { syncRuntime } from './runtime.js';
import { licencesPending, opsWaiting, readSyncState } from './state.js';

/** What the shell shows: joined or alone, online or not, ops waiting, last sync, and my refused changes. */
export const syncStatus = defineQuery('sync.status', async (_db, { sqlite, desk, actor }): Promise<SyncStatus> => {
  const state = readSyncState(sqlite);
  const runtime = syncRuntime(desk);
  const centreName = state?.centreId
    ? (sqlite.prepare('SELECT name FROM centres WHERE id = ?').pluck().get(state.centreId) as string | undefined) ?? null
    : null;
  const rejections = (sqlite
    .prepare(`SELECT op_id AS opId, name, input, at, reason, rejected_at AS rejectedAt FROM sync_rejections
              WHERE actor_id IS ? AND dismissed_at IS NULL ORDER BY rejected_at DESC LIMIT 50`)
    .all(actor.id) as (Omit<SyncRejection, 'subject'> & { input: string })[])
    .map(({ input, ...r }) => ({ ...r, subject: subjectOf(sqlite, input) }));
  return {
    joined: state !== null,
    serverUrl: state?.serverUrl ?? null,
    deskName: state?.deskName ?? null,
    centreName,
    online: !state?.lastAttemptAt ? null : state.lastError === null,
    opsWaiting: opsWaiting(sqlite),
    licencesPending: licencesPending(sqlite),
    lastSyncAt: state?.lastSyncAt ?? null,
    lastAttemptAt: state?.lastAttemptAt ?? null,
    lastError: state?.lastError ?? null,
    syncing: runtime.syncing,
    progress: runtime.progress,
    refusal: state?.refusal ? refusalShown(state.refusal) : null,
    rejections,
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
function subjectOf(sqlite: import('better-sqlite3-multiple-ciphers').Database, input: string): string {
  const parsed = JSON.parse(input) as Record<string, unknown>;
  const id = typeof parsed.id === 'string' ? parsed.id : typeof parsed.applicationId === 'string' ? parsed.applicationId : null;
  if (!id) return '';
  const found = sqlite
    .prepare(`SELECT application_ref FROM applications WHERE id = @id
              UNION ALL SELECT licence_no FROM licences WHERE id = @id
              UNION ALL SELECT transaction_id FROM payments WHERE id = @id LIMIT 1`)
    .pluck().get({ id }) as string | undefined;
  return found ?? '';
}
