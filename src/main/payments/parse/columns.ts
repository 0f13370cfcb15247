import type { ColumnSpec } from '../../../shared/headers.js';

/**
 * eCitizen/Pesaflow payment notifications (INTERFACES.md "Files in"), as CSV columns or JSON
 * keys. `payer_name` and `payment_reference` are not in the interface but are read when present.
 */
export const ECITIZEN_COLUMNS = [
  { name: 'invoice_number', required: true },
  { name: 'client_invoice_ref', required: true },
  { name: 'amount_paid', required: true },
  { name: 'invoice_amount' },
  { name: 'currency' },
  { name: 'payment_date', required: true },
  { name: 'payment_channel' },
  { name: 'phone_number' },
  { name: 'status', required: true },
  { name: 'payer_name', aliases: ['client_name', 'customer_name'] },
  { name: 'payment_reference' },
] as const satisfies readonly ColumnSpec[];

export type EcitizenField = (typeof ECITIZEN_COLUMNS)[number]['name'];

/** The M-Pesa paybill statement export. Its other columns (Initiation Time, Balance, ...) are ignored. */
export const STATEMENT_COLUMNS = [
  { name: 'Receipt No.', required: true, aliases: ['Receipt Number', 'Receipt'] },
  { name: 'Completion Time', required: true },
  { name: 'Details' },
  { name: 'Transaction Status', required: true },
  { name: 'Paid In', required: true },
  { name: 'Withdrawn' },
  { name: 'Other Party Info' },
  // Required unless Details gives the reference ("Acc. …"): see csvPayments.ts.
  { name: 'A/C No.', aliases: ['Account No.', 'Account Number'] },
  { name: 'Reason Type' },
  { name: 'Linked Transaction ID' },
] as const satisfies readonly ColumnSpec[];

export type StatementField = (typeof STATEMENT_COLUMNS)[number]['name'];

/** Values of one row or object by column; undefined when the file has no such column or key. */
export type RowValues<F extends string> = Partial<Record<F, string>>;

export const NOT_A_PAYMENTS_FILE =
  'not a payments file: expected the eCitizen notification columns (invoice_number, client_invoice_ref, amount_paid, ' +
  'payment_date, status, ...) or the M-Pesa statement columns (Receipt No., Completion Time, Transaction Status, Paid In, A/C No., ...)';
