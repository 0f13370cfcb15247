import type { InvoiceRow, PaymentDetail } from '../../../shared/contract/payments.js';
import { formatKes } from '../../../shared/money.js';
import { displayPhone } from '../../../shared/phone.js';
import { formatNairobi } from '../../../shared/time.js';
import { StateBadge } from '../components/Badges.js';
import { DetailItem as Item, DetailList } from '../components/DetailItem.js';
import { InvoiceStateBadge, PaymentStateBadge } from './Badges.js';
import { MATCH_RULE_LABEL, SOURCE_LABEL } from './labels.js';

function payerPhone(p: PaymentDetail): string {
  if (p.payerPhone) return displayPhone(p.payerPhone);
  return p.payerPhoneRaw ? `Unknown (given as ${p.payerPhoneRaw})` : '';
}

/** An invoice's money: what is due, paid, still owed, kept as access fee, or due back. */
export function InvoiceFacts({ invoice }: { invoice: InvoiceRow }) {
  return (
    <dl className="dl">
      <Item term="Bill reference">
        <span className="mono">{invoice.billRef}</span>
      </Item>
      <Item term="Application">{invoice.applicationRef}</Item>
      <Item term="Application state">
        <StateBadge state={invoice.applicationState} />
      </Item>
      <Item term="Applicant">{invoice.applicantName}</Item>
      <Item term="National ID">{invoice.nationalId}</Item>
      <Item term="Invoice state">
        <InvoiceStateBadge state={invoice.state} />
      </Item>
      <Item term="Amount due">{formatKes(invoice.amountDueCents)}</Item>
      <Item term="Amount paid">{formatKes(invoice.amountPaidCents)}</Item>
      <Item term="Balance">{formatKes(invoice.balanceCents)}</Item>
      <Item term="Access fee">{formatKes(invoice.accessFeeCents)}</Item>
      <Item term="Refund due">
        {invoice.refundDueCents > 0
          ? `${formatKes(invoice.refundDueCents)}${invoice.refundedAt ? `, refunded ${formatNairobi(invoice.refundedAt)}` : ''}`
          : 'None'}
      </Item>
      <Item term="Payments matched">{invoice.payments}</Item>
    </dl>
  );
}

/** A payment as received and what became of it, read-only. */
export function PaymentDetailView({ payment: p }: { payment: PaymentDetail }) {
  return (
    <>
      <DetailList title="Payment">
        <Item term="Transaction id">
          <span className="mono">{p.transactionId}</span>
        </Item>
        <Item term="Amount">{formatKes(p.amountCents)}</Item>
        <Item term="Paid at">{formatNairobi(p.paidAt)}</Item>
        <Item term="Source">{SOURCE_LABEL[p.source] ?? p.source}</Item>
        <Item term="Channel">{p.channel}</Item>
        <Item term="Payer">{p.payerName}</Item>
        <Item term="Payer phone">{payerPhone(p)}</Item>
        <Item term="Reference typed">{p.referenceTyped ? <span className="mono">{p.referenceTyped}</span> : ''}</Item>
        <Item term="State">
          <PaymentStateBadge state={p.state} />
        </Item>
        <Item term="Rule">{p.matchRule ? MATCH_RULE_LABEL[p.matchRule] : ''}</Item>
        <Item term="Matched by">{p.matchedBy}</Item>
        <Item term="Matched at">{formatNairobi(p.matchedAt)}</Item>
        <Item term="Note">{p.note}</Item>
        {p.state === 'refund_due' && <Item term="Refund made">{p.refundedAt ? formatNairobi(p.refundedAt) : 'Not yet'}</Item>}
        {p.otherKeys.length > 0 && <Item term="Also known as">{p.otherKeys.join(', ')}</Item>}
        <Item term="Source file">{p.sourceFile}</Item>
      </DetailList>
      {p.invoice && (
        <section aria-label="Invoice">
          <h3>Invoice</h3>
          <InvoiceFacts invoice={p.invoice} />
        </section>
      )}
    </>
  );
}
