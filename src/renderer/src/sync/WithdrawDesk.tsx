import type { SyncDeskRow } from '../../../shared/contract/sync.js';
import { useApiCommand } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { DialogActions, Modal } from '../components/Modal.js';
import { useAnnounce } from '../shell/Announcer.js';

/** Confirms withdrawing a desk: it cannot be undone, and the desk this runs on gets a plain warning of its own. */
export function WithdrawDesk({ desk, onClose }: { desk: SyncDeskRow; onClose: () => void }) {
  const announce = useAnnounce();
  const withdraw = useApiCommand('sync.withdrawDesk');
  function confirm() {
    withdraw.mutate(
      { deskId: desk.id, confirmThisDesk: desk.thisDesk },
      {
        onSuccess: () => {
          announce(`Desk ${desk.name} withdrawn. The central service refuses it from its next request on.`);
          onClose();
        },
      },
    );
  }
  return (
    <Modal title={`Withdraw ${desk.name}?`} onClose={onClose}>
      {desk.thisDesk ? (
        <p role="alert" className="warn">
          This is the desk you are using now. Once withdrawn, it can no longer sync: changes made here stop reaching the central service, and it no longer
          receives the other desks&apos; work, until an administrator leaves the service here and joins it again.
        </p>
      ) : (
        <p>
          The central service will refuse this desk from its next request on: changes made there and not yet sent stay there. It can sync again only by joining
          again, as a new desk.
        </p>
      )}
      <p>This cannot be undone.</p>
      <ErrorAlert error={withdraw.error} />
      <DialogActions onClose={onClose} closeText="Cancel">
        <button type="button" className="danger" disabled={withdraw.isPending} onClick={confirm}>
          {desk.thisDesk ? 'Withdraw this desk' : 'Withdraw desk'}
        </button>
      </DialogActions>
    </Modal>
  );
}
