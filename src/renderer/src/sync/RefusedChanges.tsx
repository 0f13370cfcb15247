import { commandLabel } from '../../../shared/contract/facts.js';
import type { SyncRejection } from '../../../shared/contract/sync.js';
import { formatNairobi } from '../../../shared/time.js';
import { useApiCommand } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { DialogActions, Modal } from '../components/Modal.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { useAnnounce } from '../shell/Announcer.js';

/**
 * The signed-in user's changes that the central service refused, each with the reason; the record
 * on screen already shows the server's version. Dismiss once read.
 */
export function RefusedChanges({ rejections, onClose }: { rejections: SyncRejection[]; onClose: () => void }) {
  const announce = useAnnounce();
  const dismiss = useApiCommand('sync.dismiss');
  return (
    <Modal title="Changes the central service refused" onClose={onClose}>
      <p>These changes were made on this desk but not accepted by the central service. The records now show the service&apos;s version.</p>
      <ErrorAlert error={dismiss.error} />
      <SimpleTable
        label="Refused changes"
        headings={['Change', 'Record', 'Made', 'Why refused', { label: <span className="visually-hidden">Dismiss</span> }]}
        frame={null}
        className="audit-diff"
      >
        {rejections.map((r) => (
          <tr key={r.opId}>
            <td>{commandLabel(r.name)}</td>
            <td className="nowrap">{r.subject || '—'}</td>
            <td className="nowrap">{formatNairobi(r.at)}</td>
            <td>{r.reason}</td>
            <td>
              <button
                type="button"
                disabled={dismiss.isPending}
                onClick={() => dismiss.mutate({ opId: r.opId }, { onSuccess: () => announce('Refused change dismissed.') })}
              >
                Dismiss
              </button>
            </td>
          </tr>
        ))}
      </SimpleTable>
      <DialogActions onClose={onClose} closeText="Close" />
    </Modal>
  );
}
