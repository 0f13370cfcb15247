import type { BackupRow } from '../../../shared/contract/backup.js';
import { formatNairobi } from '../../../shared/time.js';
import { useApiCommand } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { DialogActions, Modal } from '../components/Modal.js';
import { useAnnounce } from '../shell/Announcer.js';

/** Confirms a restore: the backup is checked now and put in place when the app starts again. */
export function RestoreBackup({ backup, onClose }: { backup: BackupRow; onClose: () => void }) {
  const announce = useAnnounce();
  const restore = useApiCommand('backup.restoreAtStart');
  function confirm() {
    restore.mutate(
      { file: backup.file },
      {
        onSuccess: () => {
          announce(`${backup.file} will be restored when the app starts again. Restart the app to finish.`);
          onClose();
        },
      },
    );
  }
  return (
    <Modal title="Restore this backup?" onClose={onClose}>
      <p>
        The desk&apos;s data goes back to how it was on {formatNairobi(backup.at)} ({backup.file}). Work done since then on this desk is no longer in it; the
        database it replaces is kept in the backups folder.
      </p>
      <p>The backup is checked now and put in place when the app starts again. Restart the app to finish.</p>
      <ErrorAlert error={restore.error} />
      <DialogActions onClose={onClose} closeText="Cancel">
        <button type="button" className="danger" disabled={restore.isPending} onClick={confirm}>
          Restore this backup
        </button>
      </DialogActions>
    </Modal>
  );
}
