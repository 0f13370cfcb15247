import type { BatchRow } from '../../../shared/contract/licences.js';
import { useApiCommand } from '../api/hooks.js';
import { useAnnounce } from '../shell/Announcer.js';
import { plural } from '../shell/labels.js';
import { ConfirmDialog } from '../licences/ConfirmDialog.js';

/** The clerk confirms that a batch has arrived: its licences are at the centre and each holder gets an SMS. */
export function ReceiveDialog({ batch, onDone }: { batch: BatchRow; onDone: () => void }) {
  const announce = useAnnounce();
  const receive = useApiCommand('batch.receive');
  function confirm() {
    receive.mutateAsync({ batchId: batch.id }).then(
      (done) => {
        announce(`Batch ${done.batchNo} received: ${plural(done.licenceCount, 'licence')} at the centre; SMS queued to the holders.`);
        onDone();
      },
      () => undefined, // shown in the dialog
    );
  }
  return (
    <ConfirmDialog title={`Confirm batch ${batch.batchNo} received`} onConfirm={confirm} onCancel={onDone} pending={receive.isPending} error={receive.error}>
      <p>
        Has batch <strong>{batch.batchNo}</strong> with {plural(batch.licenceCount, 'licence')} arrived at {batch.centreName}? Check it against its manifest
        first. Each holder then gets an SMS that their licence is ready to collect.
      </p>
    </ConfirmDialog>
  );
}
