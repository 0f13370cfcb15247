import type { InvoiceState, PaymentState } from '../../../shared/contract/payments.js';
import { INVOICE_STATE_LABEL, PAYMENT_STATE_LABEL } from './labels.js';

export function PaymentStateBadge({ state }: { state: PaymentState }) {
  return <span className={`badge payment-${state}`}>{PAYMENT_STATE_LABEL[state]}</span>;
}

export function InvoiceStateBadge({ state }: { state: InvoiceState }) {
  return <span className={`badge invoice-${state}`}>{INVOICE_STATE_LABEL[state]}</span>;
}
