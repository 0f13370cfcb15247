import type { PaymentListRow } from '../../../shared/contract/payments.js';
import { displayPhone } from '../../../shared/phone.js';
import { dateColumn, moneyColumn, openCell, orDash, stateCell } from '../components/gridColumns.js';
import { gridColumnHelper } from '../components/serverTable.js';
import { PaymentStateBadge } from './Badges.js';
import { MATCH_RULE_LABEL } from './labels.js';
import { TopSuggestionCell } from './TopSuggestionCell.js';

const col = gridColumnHelper<PaymentListRow>();

/** Column ids paidAt, amount and reference are also the sort fields of `payments.list`. */
const received = [
  col.accessor('paidAt', dateColumn('Paid at')),
  col.accessor('transactionId', { header: 'Transaction id', enableSorting: false, meta: { className: 'nowrap' }, cell: openCell('Open the payment') }),
  col.accessor('amountCents', { id: 'amount', ...moneyColumn('Amount') }),
  col.accessor('payerName', {
    header: 'Payer',
    enableSorting: false,
    meta: { className: 'payer' },
    cell: (c) => {
      const phone = c.row.original.payerPhone;
      return (
        <>
          {c.getValue() || '—'}
          {phone && <span className="sub">{displayPhone(phone)}</span>}
        </>
      );
    },
  }),
  col.accessor('referenceTyped', { id: 'reference', header: 'Reference typed', meta: { className: 'mono' }, cell: (c) => c.getValue() || '—' }),
  col.accessor('state', { header: 'State', enableSorting: false, cell: stateCell(PaymentStateBadge) }),
  col.accessor('matchRule', { header: 'Rule', enableSorting: false, cell: (c) => (c.getValue() ? MATCH_RULE_LABEL[c.getValue()!] : '—') }),
] as const;

export const paymentColumns = col.columns([
  ...received,
  col.accessor('billRef', { header: 'Bill ref', enableSorting: false, meta: { className: 'mono' }, cell: orDash }),
  col.accessor('applicationRef', { header: 'Application ref', enableSorting: false, meta: { className: 'nowrap' }, cell: orDash }),
]);

/** The unmatched view: what was received, and the invoice it most likely pays (instead of the one it was matched to). */
export const unmatchedColumns = col.columns([
  ...received,
  col.display({ id: 'suggestion', header: 'Top suggestion', meta: { className: 'suggestion-cell' }, cell: (c) => <TopSuggestionCell row={c.row.original} /> }),
]);
