import type { InvoiceRow } from '../../../shared/contract/payments.js';
import { formatKes } from '../../../shared/money.js';
import { moneyColumn, openCell, stateCell } from '../components/gridColumns.js';
import { gridColumnHelper } from '../components/serverTable.js';
import { InvoiceStateBadge } from './Badges.js';

const col = gridColumnHelper<InvoiceRow>();

/** Invoices in the Exceptions tab; `invoices.list` pages but does not sort. */
export const invoiceColumns = col.columns([
  col.accessor('billRef', { header: 'Bill ref', meta: { className: 'nowrap' }, cell: openCell('Open the invoice') }),
  col.accessor('applicationRef', { header: 'Application ref', meta: { className: 'nowrap' } }),
  col.accessor('applicantName', { header: 'Applicant' }),
  col.accessor('state', { header: 'State', cell: stateCell(InvoiceStateBadge) }),
  col.accessor('amountDueCents', moneyColumn('Amount due')),
  col.accessor('amountPaidCents', moneyColumn('Paid')),
  col.accessor('balanceCents', moneyColumn('Balance')),
  col.accessor('refundDueCents', {
    header: 'Refund due',
    meta: { className: 'num nowrap' },
    cell: (c) => (c.getValue() > 0 ? `${formatKes(c.getValue())}${c.row.original.refundedAt ? ' (refunded)' : ''}` : '—'),
  }),
  col.accessor('payments', { header: 'Payments', meta: { className: 'num' } }),
]);
