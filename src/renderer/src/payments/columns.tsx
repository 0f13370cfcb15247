import type { PaymentRow } from '../../../shared/contract/payments.js';
import { formatKes } from '../../../shared/money.js';
import { displayPhone } from '../../../shared/phone.js';
import { formatNairobi } from '../../../shared/time.js';
import { gridColumnHelper } from '../components/serverTable.js';
import { PaymentStateBadge } from './Badges.js';
import { MATCH_RULE_LABEL } from './labels.js';

const col = gridColumnHelper<PaymentRow>();

/** Column ids paidAt, amount and reference are also the sort fields of `payments.list`. */
export const paymentColumns = col.columns([
  col.accessor('paidAt', { header: 'Paid at', meta: { className: 'nowrap' }, cell: (c) => formatNairobi(c.getValue()) }),
  col.accessor('transactionId', {
    header: 'Transaction id',
    enableSorting: false,
    meta: { className: 'nowrap' },
    // The row opens on click; the button makes that reachable by keyboard.
    cell: (c) => (
      <button type="button" className="link-button" title="Open the payment">
        {c.getValue()}
      </button>
    ),
  }),
  col.accessor('amountCents', { id: 'amount', header: 'Amount', meta: { className: 'num nowrap' }, cell: (c) => formatKes(c.getValue()) }),
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
  col.accessor('state', { header: 'State', enableSorting: false, cell: (c) => <PaymentStateBadge state={c.getValue()} /> }),
  col.accessor('matchRule', { header: 'Rule', enableSorting: false, cell: (c) => (c.getValue() ? MATCH_RULE_LABEL[c.getValue()!] : '—') }),
  col.accessor('billRef', { header: 'Bill ref', enableSorting: false, meta: { className: 'mono' }, cell: (c) => c.getValue() ?? '—' }),
  col.accessor('applicationRef', { header: 'Application ref', enableSorting: false, meta: { className: 'nowrap' }, cell: (c) => c.getValue() ?? '—' }),
]);
