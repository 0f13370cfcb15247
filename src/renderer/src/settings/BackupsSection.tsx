import { useState } from 'react';
import type { BackupRow } from '../../../shared/contract/backup.js';
import { formatFileSize } from '../../../shared/fileSize.js';
import { formatNairobi } from '../../../shared/time.js';
import { useApiCommand, useApiQuery } from '../api/hooks.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useAnnounce } from '../shell/Announcer.js';
import { RestoreBackup } from './RestoreBackup.js';

const KIND: Record<BackupRow['kind'], string> = {
  snapshot: 'Backup',
  'before-migration': 'Before an update',
  replaced: 'Replaced by a restore',
};

/** Settings, Backups: the desk's own backups (one a day while it runs), Back up now, and Restore. */
export function BackupsSection() {
  const announce = useAnnounce();
  const list = useApiQuery('backups.list', {});
  const backUp = useApiCommand('backup.create');
  const [restoring, setRestoring] = useState<BackupRow | null>(null);
  const last = list.data?.last ?? null;
  const waiting = list.data?.restoreAtStart ?? null;
  const rows = list.data?.backups ?? [];
  return (
    <section aria-labelledby="backups-title">
      <h2 id="backups-title">Backups</h2>
      <p className="muted">
        The desk copies its database into the backups folder of its data folder once a day while it runs, and before every update of its database. Backups are
        encrypted with the database&apos;s key.
      </p>
      <ErrorAlert error={list.error ?? backUp.error} />
      <p aria-label="Last backup">
        {last ? `Last backup: ${formatNairobi(last.at)}, ${last.file} (${formatFileSize(last.bytes)})` : list.isPending ? 'Loading…' : 'No backup yet.'}
      </p>
      {waiting && (
        <p className="warn">
          {waiting.file} will be restored when the app starts again (asked by {waiting.requestedBy}). Restart the app to finish.
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={backUp.isPending}
          onClick={() =>
            backUp.mutate(
              {},
              {
                onSuccess: (made) => announce(`Backed up: ${made.file} (${formatFileSize(made.bytes)}).`),
              },
            )
          }
        >
          Back up now
        </button>
      </div>
      <SimpleTable
        label="Backups"
        headings={['Made', 'File', 'Kind', 'Size', 'Actions']}
        empty={rows.length === 0 && { text: 'No backups yet.', loading: list.isPending }}
      >
        {rows.map((b) => (
          <tr key={b.file}>
            <td className="nowrap">{formatNairobi(b.at)}</td>
            <td className="mono">{b.file}</td>
            <td>{KIND[b.kind]}</td>
            <td className="nowrap">{formatFileSize(b.bytes)}</td>
            <td className="row-actions">
              {b.kind !== 'replaced' && (
                <button type="button" onClick={() => setRestoring(b)}>
                  Restore
                </button>
              )}
            </td>
          </tr>
        ))}
      </SimpleTable>
      {restoring && <RestoreBackup backup={restoring} onClose={() => setRestoring(null)} />}
    </section>
  );
}
