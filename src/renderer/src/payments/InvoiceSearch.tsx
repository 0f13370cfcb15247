import { useState } from 'react';
import type { PaymentDetail } from '../../../shared/contract/payments.js';
import { formatKes } from '../../../shared/money.js';
import { useApiQuery } from '../api/hooks.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { SearchField } from '../components/SearchField.js';
import { SelectField } from '../components/SelectField.js';
import { useDebounced } from '../components/useDebounced.js';
import { InvoiceStateBadge } from './Badges.js';
import { MatchForm, type MatchTarget } from './MatchForm.js';

const AMONG = [
  { value: 'open', label: 'Open invoices' },
  { value: 'all', label: 'All invoices' },
];
const RESULTS = 10;

interface Props {
  payment: PaymentDetail;
  /** The invoice whose Match confirm area is open, if it came from this search. */
  matching: MatchTarget | null;
  onMatch: (target: MatchTarget | null) => void;
  /** The confirm area closed (confirmed or not). */
  onDone: () => void;
}

/** Finding an invoice that was not suggested, to match the payment to it by hand. */
export function InvoiceSearch({ payment, matching, onMatch, onDone }: Props) {
  const [text, setText] = useState('');
  const [view, setView] = useState<'open' | 'all'>('open');
  const search = useDebounced(text.trim(), 300);
  const found = useApiQuery('invoices.list', { view, search, pageSize: RESULTS }, { enabled: search.length >= 2, keepPrevious: true });
  const rows = search.length >= 2 ? (found.data?.rows ?? []) : [];
  const more = search.length >= 2 && (found.data?.total ?? 0) > RESULTS;

  return (
    <section aria-labelledby="invoice-search-title" className="invoice-search">
      <h3 id="invoice-search-title">Match to another invoice</h3>
      <form className="filters" role="search" aria-label="Invoice search" onSubmit={(e) => e.preventDefault()}>
        <SearchField
          id="invoice-search"
          label="Find an invoice"
          placeholder="Bill or application reference, national ID or name"
          value={text}
          onChange={(value) => {
            setText(value);
            if (matching) onMatch(null);
          }}
        />
        <SelectField label="Among" options={AMONG} value={view} onChange={(e) => setView(e.target.value as 'open' | 'all')} />
      </form>
      <ErrorAlert error={found.error} />
      {search.length >= 2 && (
        <SimpleTable
          label="Invoices found"
          headings={['Bill ref', 'Application', 'Applicant', 'State', { label: 'Balance', className: 'num' }, 'Action']}
          empty={rows.length === 0 && { text: 'No invoice matches.', loading: found.isPending }}
          busy={found.isFetching}
        >
          {rows.map((r) => (
            <tr key={r.id} className={matching?.invoiceId === r.id ? 'selected' : undefined}>
              <td className="mono">{r.billRef}</td>
              <td className="nowrap">{r.applicationRef}</td>
              <td>
                {r.applicantName}
                <span className="sub">ID {r.nationalId}</span>
              </td>
              <td>
                <InvoiceStateBadge state={r.state} />
              </td>
              <td className="num nowrap">{formatKes(r.balanceCents)}</td>
              <td>
                <button type="button" aria-pressed={matching?.invoiceId === r.id} onClick={() => onMatch({ invoiceId: r.id, ...r })}>
                  Match
                </button>
              </td>
            </tr>
          ))}
        </SimpleTable>
      )}
      {more && <p className="muted">Only the first {RESULTS} are shown: type more to narrow the search.</p>}
      {matching && <MatchForm key={matching.invoiceId} payment={payment} target={matching} onDone={onDone} />}
    </section>
  );
}
