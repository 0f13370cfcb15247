import { z } from 'zod';
import type { Page } from './common.js';
import { id, importFileInput, page, reason, sortDir } from './common.js';

export const PAYMENT_STATES = ['unmatched', 'matched', 'ignored', 'refund_due'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];
export const MATCH_RULES = ['exact_reference', 'check_character', 'national_id', 'manual'] as const;
export type MatchRule = (typeof MATCH_RULES)[number];
export const INVOICE_STATES = ['unpaid', 'partially_paid', 'paid', 'overpaid'] as const;
export type InvoiceState = (typeof INVOICE_STATES)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-28');

export const importPaymentsInput = importFileInput;
export interface PaymentImportReport {
  fileName: string;
  dryRun: boolean;
  format: string | null;
  rowsRead: number;
  /** New payments stored (or that would be). */
  added: number;
  /** Already known: the same transaction id, or the same payment from the other source. */
  alreadyKnown: number;
  notCounted: { line: number; reason: string }[];
  problems: { line: number; field?: string; message: string }[];
  /** Worth knowing before importing, but no reason to refuse the file: a phone a spreadsheet mangled, a reference not found. */
  warnings: { line: number; field?: string; message: string }[];
  /**
   * The column the references payers typed were read from: `client_invoice_ref`, `A/C No.`, or
   * `Details` for an M-Pesa statement without an A/C No. column; null when the file was not read.
   */
  referenceFrom: string | null;
  matched: Record<Exclude<MatchRule, 'manual'>, number>;
  unmatched: number;
}

export const PAYMENT_VIEWS = ['unmatched', 'matched', 'ignored', 'refund_due', 'all'] as const;
export const paymentsListInput = page.extend({
  view: z.enum(PAYMENT_VIEWS).default('unmatched'),
  search: z.string().trim().max(100).optional(),
  from: day.optional(),
  to: day.optional(),
  sort: z.enum(['paidAt', 'amount', 'reference']).default('paidAt'),
  dir: sortDir,
});
export interface PaymentRow {
  id: string;
  transactionId: string;
  source: 'ecitizen' | 'mpesa';
  paidAt: string;
  amountCents: number;
  channel: string;
  payerName: string;
  payerPhone: string | null;
  referenceTyped: string;
  state: PaymentState;
  matchRule: MatchRule | null;
  billRef: string | null;
  applicationRef: string | null;
  applicantName: string | null;
  /** When a refund of this payment was made (refund due payments). */
  refundedAt: string | null;
}
/** A row of `payments.list`; in the unmatched view it carries its top suggestion (null when none). */
export interface PaymentListRow extends PaymentRow {
  suggestion?: MatchSuggestion | null;
}
export type PaymentsListResult = Page<PaymentListRow>;

export interface MatchSuggestion {
  invoiceId: string;
  billRef: string;
  applicationRef: string;
  applicantName: string;
  nationalId: string;
  amountDueCents: number;
  balanceCents: number;
  invoiceState: InvoiceState;
  score: number;
  /**
   * The top suggestion only: its evidence points at this applicant (reference, ID or phone), the
   * amount fits the balance, the invoice is open, and no other invoice comes near. The bulk
   * accept takes only these.
   */
  strong: boolean;
  why: string[];
}
export interface PaymentDetail extends PaymentRow {
  payerPhoneRaw: string;
  sourceFile: string;
  matchedBy: string | null;
  matchedAt: string | null;
  note: string | null;
  otherKeys: string[];
  invoice: InvoiceRow | null;
  suggestions: MatchSuggestion[];
  /** Facts about the reference that explain why nothing matched (e.g. the application was rejected). */
  notes: string[];
}
export const paymentDetailInput = z.object({ id });

export const paymentMatchInput = z.object({ paymentId: id, invoiceId: id, reason });

/** The most suggestions accepted at once. */
export const MOST_ACCEPTED = 500;
export const acceptSuggestionsInput = z.object({
  accept: z
    .array(z.object({ paymentId: id, invoiceId: id }))
    .min(1, 'Choose at least one suggestion to accept')
    .max(MOST_ACCEPTED, `Accept at most ${MOST_ACCEPTED} suggestions at once`),
});
export interface AcceptSuggestionsResult {
  matched: PaymentRow[];
}
/** An unmatched payment whose top suggestion is strong: what "Accept all" would do. */
export interface StrongSuggestion {
  payment: PaymentRow;
  suggestion: MatchSuggestion;
}
export interface StrongSuggestionsResult {
  rows: StrongSuggestion[];
  /** More were strong than one bulk accept takes: the rest wait for the next. */
  more: number;
}
export const paymentActionInput = z.object({ paymentId: id, reason });
export const invoiceRefundInput = z.object({ invoiceId: id, reason });

export interface InvoiceRow {
  id: string;
  billRef: string;
  applicationId: string;
  applicationRef: string;
  applicationState: string;
  applicantName: string;
  nationalId: string;
  amountDueCents: number;
  amountPaidCents: number;
  balanceCents: number;
  accessFeeCents: number;
  refundDueCents: number;
  refundedAt: string | null;
  state: InvoiceState;
  payments: number;
}
export const INVOICE_VIEWS = ['open', 'partially_paid', 'overpaid', 'refund_due', 'paid', 'all'] as const;
export const invoicesListInput = page.extend({
  view: z.enum(INVOICE_VIEWS).default('open'),
  search: z.string().trim().max(100).optional(),
});
export type InvoicesListResult = Page<InvoiceRow>;

export const paymentTotalsInput = z.object({ from: day.optional(), to: day.optional() });
/** Money received in the period, by what became of it: matched + unmatched + ignored + refund due = received. */
export interface PaymentTotals {
  expectedCents: number;
  receivedCents: number;
  matchedCents: number;
  unmatchedCents: number;
  ignoredCents: number;
  refundDueCents: number;
  /** The part of `matchedCents` paid over the amount due on overpaid invoices whose surplus is not refunded yet. */
  overpaidSurplusCents: number;
  counts: { received: number; matched: number; unmatched: number; ignored: number; refundDue: number };
}
export interface AutoMatchResult {
  matched: Record<Exclude<MatchRule, 'manual'>, number>;
  unmatched: number;
}
