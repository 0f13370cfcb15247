import type { PaymentTotals } from '../../../shared/contract/payments.js';
import { formatKes } from '../../../shared/money.js';
import { useApiQuery } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { DateRangeFields } from '../components/FiltersForm.js';
import { plural } from '../shell/labels.js';
import { periodInput, periodProblem, thisMonth, type Period } from './period.js';

function Figure({ label, cents, count, total }: { label: string; cents: number; count?: number; total?: boolean }) {
  return (
    <div className={`figure${total ? ' total' : ''}`}>
      <span className="figure-label">{label}</span>
      <span className="figure-value">{formatKes(cents)}</span>
      {count !== undefined && <span className="figure-count">{plural(count, 'payment')}</span>}
    </div>
  );
}

function Op({ sign, word }: { sign: string; word: string }) {
  return (
    <span className="op">
      <span aria-hidden="true">{sign}</span>
      <span className="visually-hidden">{word}</span>
    </span>
  );
}

function Sum({ t }: { t: PaymentTotals }) {
  const parts = t.matchedCents + t.unmatchedCents + t.ignoredCents + t.refundDueCents;
  return (
    <>
      <div className="totals-sum" role="group" aria-label="Money received in the period">
        <Figure label="Received" cents={t.receivedCents} count={t.counts.received} total />
        <Op sign="=" word="equals" />
        <Figure label="Matched" cents={t.matchedCents} count={t.counts.matched} />
        <Op sign="+" word="plus" />
        <Figure label="Unmatched" cents={t.unmatchedCents} count={t.counts.unmatched} />
        <Op sign="+" word="plus" />
        <Figure label="Not ours" cents={t.ignoredCents} count={t.counts.ignored} />
        <Op sign="+" word="plus" />
        <Figure label="Refund due" cents={t.refundDueCents} count={t.counts.refundDue} />
      </div>
      {parts !== t.receivedCents && (
        <p className="warn" role="alert">
          These parts come to {formatKes(parts)}, not {formatKes(t.receivedCents)}: please report this.
        </p>
      )}
      <div className="totals-side" role="group" aria-label="Invoices in the period">
        <Figure label="Expected" cents={t.expectedCents} />
        <p className="muted">
          Expected is the amount due on invoices raised in the period.
          {t.overpaidSurplusCents > 0
            ? ` Of the ${formatKes(t.matchedCents)} matched, ${formatKes(t.overpaidSurplusCents)} was paid over the amount due on overpaid invoices and is still to be refunded.`
            : ' None of the money matched in the period is over-payment waiting to be refunded.'}
        </p>
      </div>
    </>
  );
}

/** Money received in a period of Nairobi days, by what became of it, so that it visibly adds up. */
export function TotalsSummary({ period, onChange }: { period: Period; onChange: (next: Period) => void }) {
  const problem = periodProblem(period);
  const totals = useApiQuery('payments.totals', periodInput(period), { keepPrevious: true, enabled: !problem });
  const month = thisMonth();
  const isMonth = period.from === month.from && period.to === month.to;
  return (
    <section className="totals" aria-labelledby="totals-title" aria-busy={totals.isFetching || undefined}>
      <div className="totals-head">
        <h2 id="totals-title">Totals for the period</h2>
        <DateRangeFields from={period.from} to={period.to} onChange={onChange} problem={problem} />
        <button type="button" onClick={() => onChange(month)} disabled={isMonth}>
          This month
        </button>
      </div>
      <ErrorAlert error={totals.error} />
      {totals.data ? <Sum t={totals.data} /> : !totals.error && <p className="muted">Adding up the payments…</p>}
    </section>
  );
}
