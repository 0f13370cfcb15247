import type { PaymentImportReport } from '../../../shared/contract/payments.js';
import { Modal } from '../components/Modal.js';
import { ImportSteps, useFileImport } from '../components/useFileImport.js';
import { useAnnounce } from '../shell/Announcer.js';
import { ImportReportView } from './ImportReportView.js';
import { AUTO_RULES } from './labels.js';

function news(r: PaymentImportReport): string {
  const matched = AUTO_RULES.reduce((n, rule) => n + r.matched[rule], 0);
  return `Payments imported from ${r.fileName}: ${r.added} new, ${r.alreadyKnown} already known; ${matched} matched, ${r.unmatched} left unmatched.`;
}

/** Import a payments file: a dry run first shows what would happen, then Import for real. */
export function ImportPaymentsDialog({ onClose }: { onClose: () => void }) {
  const announce = useAnnounce();
  const file = useFileImport('payments.import', async (report) => announce(news(report)));

  return (
    <Modal title="Import payments" onClose={onClose}>
      <div className="field">
        <label htmlFor="payments-import-file">Payments file (.csv or .jsonl)</label>
        <input
          id="payments-import-file"
          type="file"
          accept=".csv,.jsonl,.json,.txt,text/csv,application/json"
          onChange={(e) => void file.choose(e.target.files?.[0])}
          disabled={file.commit.isPending}
        />
        <p className="hint">
          An eCitizen notifications export or an M-Pesa paybill statement. The file is checked first; nothing changes until you press Import. New payments are
          matched automatically.
        </p>
      </div>
      <ImportSteps<'payments.import'> file={file} Report={ImportReportView} onClose={onClose} />
    </Modal>
  );
}
