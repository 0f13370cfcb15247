import { useState } from 'react';
import { formatNairobi } from '../../../shared/time.js';
import { useApiQuery } from '../api/hooks.js';
import { plural } from '../shell/labels.js';
import { RefusedChanges } from './RefusedChanges.js';
import { UpdateOffered } from './UpdateOffered.js';

/** How often the header asks how sync stands (a round runs every 30 s and after each change). */
export const SYNC_STATUS_REFRESH_MS = 5_000;

/**
 * On a desk that syncs: online or offline, changes waiting to be sent, the last sync, the first
 * sync's progress, and the signed-in user's changes the central service refused. Nothing on a
 * desk that works alone.
 */
export function SyncIndicator() {
  const status = useApiQuery('sync.status', {}, { refetchInterval: SYNC_STATUS_REFRESH_MS });
  const [showRefused, setShowRefused] = useState(false);
  const s = status.data;
  if (!s?.joined) return null;
  if (s.refusal) {
    return (
      <div className="sync-indicator warn" role="group" aria-label="Sync">
        <span title={s.lastError ?? undefined}>{s.refusal.headline}</span>
        <span className="sync-note">{s.refusal.advice}</span>
      </div>
    );
  }
  const state = s.online === null ? 'Not synced yet' : s.online ? 'Online' : 'Offline';
  const progress =
    s.syncing && s.progress && s.progress.latest > 0 ? ` · receiving ${Math.min(100, Math.round((100 * s.progress.cursor) / s.progress.latest))}%` : '';
  return (
    <div className={`sync-indicator${s.online === false || s.rejections.length ? ' warn' : ''}`} role="group" aria-label="Sync">
      <span title={s.lastError ?? s.serverUrl ?? undefined}>
        {state}
        {s.syncing ? ' · syncing' : ''}
        {progress} · {plural(s.opsWaiting, 'change', 'changes')} waiting
      </span>
      <span className="sync-note">{s.lastSyncAt ? `Last sync ${formatNairobi(s.lastSyncAt)}` : 'Never synced'}</span>
      {s.update && <UpdateOffered offer={s.update} />}
      {s.rejections.length > 0 && (
        <button type="button" className="link-button" onClick={() => setShowRefused(true)}>
          {plural(s.rejections.length, 'change', 'changes')} refused
        </button>
      )}
      {showRefused && <RefusedChanges rejections={s.rejections} onClose={() => setShowRefused(false)} />}
    </div>
  );
}
