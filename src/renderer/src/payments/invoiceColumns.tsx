import type { InvoiceRow } from '../../../shared/contract/payments.js';
import { formatKes } from '../../../shared/money.js';
import { gridColumnHelper } from '../components/serverTable.js';
import { InvoiceStateBadge } from './Badges.js';

const col = gridColumnHelper<InvoiceRow>();
const money = (header: string) => ({ header, meta: { className: 'num nowrap' }, cell: (c: { getValue: () => number }) => formatKes(c.getValue()) });

/** Invoices in the Exceptions tab; `invoices.list` pages but does not sort. */
export const invoiceColumns = col.columns([
  col.accessor('billRef', {
    header: 'Bill ref',
    meta: { className: 'nowrap' },
    cell: (c) => (
      <button type="button" className="link-button" title="Open the invoice">
        {c.getValue()}
      </button>
    ),
  }),
  col.accessor('applicationRef', { header: 'Application ref', meta: { className: 'nowrap' } }),
  col.accessor('applicantName', { header: 'Applicant' }),
  col.accessor('state', { header: 'State', cell: (c) => <InvoiceStateBadge state={c.getValue()} /> }),
  col.accessor('amountDueCents', money('Amount due')),
  col.accessor('amountPaidCents', money('Paid')),
  col.accessor('balanceCents', money('Balance')),
  col.accessor('refundDueCents', {
    header: 'Refund due',
    meta: { className: 'num nowrap' },
    cell: (c) => (c.getValue() > 0 ? `${formatKes(c.getValue())}${c.row.original.refundedAt ? ' (refunded)' : ''}` : '—'),
  }),
  col.accessor('payments', { header: 'Payments', meta: { className: 'num' } }),
]);
