import type { PaymentImportReport } from '../../../shared/contract/payments.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Modal } from '../components/Modal.js';
import { ImportActions, ImportProgress, useFileImport } from '../components/useFileImport.js';
import { useAnnounce } from '../shell/Announcer.js';
import { ImportReportView } from './ImportReportView.js';
import { AUTO_RULES } from './labels.js';

function news(r: PaymentImportReport): string {
  const matched = AUTO_RULES.reduce((n, rule) => n + r.matched[rule], 0);
  return `Payments imported from ${r.fileName}: ${r.added} new, ${r.alreadyKnown} already known; ${matched} matched, ${r.unmatched} left unmatched.`;
}

/** `2.4 MB`, from the base64 length. */
function sizeOf(base64: string): string {
  const bytes = (base64.length * 3) / 4;
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.ceil(bytes / 1000)} kB`;
}

/** Import a payments file: a dry run first shows what would happen, then Import for real. */
export function ImportPaymentsDialog({ onClose }: { onClose: () => void }) {
  const announce = useAnnounce();
  const { chosen, readError, check, commit, choose, dry, done, canImport, progress, cancel } = useFileImport('payments.import', async (report) =>
    announce(news(report)),
  );

  return (
    <Modal title="Import payments" onClose={onClose}>
      <div className="field">
        <label htmlFor="payments-import-file">Payments file (.csv or .jsonl)</label>
        <input
          id="payments-import-file"
          type="file"
          accept=".csv,.jsonl,.json,.txt,text/csv,application/json"
          onChange={(e) => void choose(e.target.files?.[0])}
          disabled={commit.isPending}
        />
        <p className="hint">
          An eCitizen notifications export or an M-Pesa paybill statement. The file is checked first; nothing changes until you press Import. New payments are
          matched automatically.
        </p>
      </div>
      <ErrorAlert error={readError ?? check.error ?? commit.error} />
      {check.isPending && chosen && (
        <p className="muted">
          <progress aria-label="Checking the file" /> Checking {chosen.fileName} ({sizeOf(chosen.dataBase64)})…
        </p>
      )}
      <ImportProgress progress={progress} />
      {done ? <ImportReportView report={done} /> : dry && <ImportReportView report={dry} />}
      <ImportActions
        done={!!done}
        canImport={!!canImport}
        importing={commit.isPending}
        onImport={() => chosen && commit.mutate(chosen)}
        onCancelImport={cancel}
        onClose={onClose}
      />
    </Modal>
  );
}
