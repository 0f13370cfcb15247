/** What the payments parser gives the importer (issue 4). Pure data: no database here. */

export type PaymentSource = 'ecitizen' | 'mpesa';

export interface ParsedPayment {
  /** Line in the file as a person counts it (header = line 1; for JSON lines, the object's line; for records, index + 1). */
  line: number;
  source: PaymentSource;
  /** eCitizen invoice_number, or the M-Pesa Receipt No.: trimmed, upper-cased. */
  transactionId: string;
  /** More than zero. */
  amountCents: number;
  /** UTC ISO-8601. */
  paidAt: string;
  /** eCitizen payment_channel as given (e.g. 'MPESA', 'card', 'bank'); 'M-PESA paybill' for a statement. */
  channel: string;
  /** `2547…`/`2541…`, or null when missing, hashed, masked or spreadsheet-mangled (never guessed). */
  payerPhone: string | null;
  payerPhoneRaw: string;
  payerName: string;
  /** eCitizen client_invoice_ref, or the statement's A/C No. (or, without that column, the reference in Details): as typed (trimmed), not cleaned. */
  referenceTyped: string;
  /** eCitizen invoice_amount when given. */
  invoiceAmountCents: number | null;
  /**
   * The transaction id the same payment may carry in the other source (one payment, two
   * sources): for a statement line, its A/C No. (trimmed, upper-cased, spaces dropped) when that
   * is not a valid bill reference, as it may be an eCitizen invoice number; for an eCitizen
   * notification, its payment_reference when it holds exactly one (e.g. an M-Pesa receipt).
   */
  otherSourceKey: string | null;
}

/** A row that is read but is not a payment to settle: not settled, failed/reversed, a withdrawal, nothing paid in, seen twice. */
export interface NotCounted {
  line: number;
  reason: string;
  /** For a statement's reversal line: the receipt it reverses (which may have been imported from an earlier file). */
  reverses?: string;
}

export interface ParseProblem {
  line: number;
  field?: string;
  message: string;
}

export type PaymentsFormat = 'ecitizen-csv' | 'ecitizen-jsonl' | 'mpesa-statement';

export interface ParsedPaymentsFile {
  format: PaymentsFormat | null;
  /** Data rows (or JSON objects) read, blank ones left out. */
  rowsRead: number;
  payments: ParsedPayment[];
  notCounted: NotCounted[];
  /** Any problem means nothing of the file is imported. */
  problems: ParseProblem[];
  /** Worth knowing before importing, but no reason to refuse the file: a phone a spreadsheet mangled, a reference not found. */
  warnings: ParseProblem[];
  /**
   * The column each payment's reference as typed was read from: `client_invoice_ref`, `A/C No.`,
   * or `Details` (a statement without an A/C No. column: "Acc. …" in Details); null when unread.
   */
  referenceFrom: ReferenceSource | null;
}

export type ReferenceSource = 'client_invoice_ref' | 'A/C No.' | 'Details';

export interface ParseOptions {
  /** UTC ISO-8601: a payment later than this (plus five minutes) is a problem. */
  now: string;
}
