import type { BatchRow } from '../../../shared/contract/licences.js';
import { formatNairobi } from '../../../shared/time.js';
import { useApiQuery } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { plural } from '../shell/labels.js';

/** Batches dispatched to this centre and not yet confirmed as arrived. */
export function BatchesOnTheWay({ onReceive }: { onReceive: (batch: BatchRow) => void }) {
  const batches = useApiQuery('batches.list', { state: 'dispatched', pageSize: 100 });
  const rows = batches.data?.rows ?? [];
  return (
    <section className="licence-section" aria-labelledby="on-the-way-title">
      <h2 id="on-the-way-title">Batches on the way</h2>
      <ErrorAlert error={batches.error} />
      {batches.isPending ? (
        <p className="muted">Loading batches…</p>
      ) : rows.length === 0 ? (
        <p className="muted">No batches are on their way to this centre.</p>
      ) : (
        <ul className="batch-list">
          {rows.map((b) => (
            <li key={b.id} className="batch-item">
              <p>
                Batch <strong>{b.batchNo}</strong>: {plural(b.licenceCount, 'licence')}, dispatched {formatNairobi(b.createdAt)}
                {b.createdBy ? ` by ${b.createdBy}` : ''}.
              </p>
              <button type="button" className="primary" onClick={() => onReceive(b)}>
                Confirm received
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
