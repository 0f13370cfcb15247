import type { InvoiceState, MatchRule, PaymentState } from '../../../shared/contract/payments.js';

export const PAYMENT_STATE_LABEL: Record<PaymentState, string> = {
  unmatched: 'Unmatched',
  matched: 'Matched',
  ignored: 'Not ours',
  refund_due: 'Refund due',
};

export const MATCH_RULE_LABEL: Record<MatchRule, string> = {
  exact_reference: 'Exact bill reference',
  check_character: 'Check character',
  national_id: 'National ID',
  manual: 'By hand',
};

/** The automatic rules inside a sentence ("matched by …"). */
export const AUTO_RULE_PHRASE: Record<Exclude<MatchRule, 'manual'>, string> = {
  exact_reference: 'exact bill reference',
  check_character: 'check character',
  national_id: 'national ID',
};

export const INVOICE_STATE_LABEL: Record<InvoiceState, string> = {
  unpaid: 'Unpaid',
  partially_paid: 'Partially paid',
  paid: 'Paid',
  overpaid: 'Overpaid',
};

export const SOURCE_LABEL: Record<string, string> = {
  ecitizen: 'eCitizen',
  mpesa: 'M-Pesa',
};

export const FORMAT_LABEL: Record<string, string> = {
  'mpesa-statement': 'M-Pesa paybill statement',
  'ecitizen-csv': 'eCitizen notifications (CSV)',
  'ecitizen-jsonl': 'eCitizen notifications (JSON)',
};

/** The automatic rules, in the order they are tried. */
export const AUTO_RULES = ['exact_reference', 'check_character', 'national_id'] as const;
