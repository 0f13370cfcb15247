import { sql, type ExpressionBuilder } from 'kysely';
import type { InvoiceRow, PaymentRow } from '../../shared/contract/payments.js';
import type { ReadableDB } from '../db/handles.js';
import type { Database } from '../db/schema.js';
import { found } from '../db/found.js';

/** Payments with the invoice, application and applicant they are matched to (if any). */
export function paymentsJoined(db: ReadableDB) {
  return db
    .selectFrom('payments as p')
    .leftJoin('invoices as i', 'i.id', 'p.invoice_id')
    .leftJoin('applications as a', 'a.id', 'i.application_id')
    .leftJoin('practitioners as pr', 'pr.id', 'a.practitioner_id');
}

/** A payment as lists show it (`PaymentRow`), over `paymentsJoined`. */
export function paymentRows(db: ReadableDB) {
  return paymentsJoined(db).select([
    'p.id',
    'p.transaction_id as transactionId',
    'p.source',
    'p.paid_at as paidAt',
    'p.amount_cents as amountCents',
    'p.channel',
    'p.payer_name as payerName',
    'p.payer_phone as payerPhone',
    'p.reference_typed as referenceTyped',
    'p.state',
    'p.match_rule as matchRule',
    'i.bill_ref as billRef',
    'a.application_ref as applicationRef',
    sql<string | null>`CASE WHEN pr.id IS NULL THEN NULL ELSE trim(pr.first_name || ' ' || pr.last_name) END`.as('applicantName'),
    'p.refunded_at as refundedAt',
  ]);
}

export function paymentRow(db: ReadableDB, id: string): PaymentRow {
  return found(db.first(paymentRows(db).where('p.id', '=', id)), `payment with id ${id}`);
}

/** Invoices with their application and applicant. */
export function invoicesJoined(db: ReadableDB) {
  return db
    .selectFrom('invoices as i')
    .innerJoin('applications as a', 'a.id', 'i.application_id')
    .innerJoin('practitioners as pr', 'pr.id', 'a.practitioner_id');
}

/** What a filter on `invoicesJoined` is built with. */
export type InvoicesEb = ExpressionBuilder<
  Database & { i: Database['invoices']; a: Database['applications']; pr: Database['practitioners'] },
  'i' | 'a' | 'pr'
>;

/** An invoice as lists show it (`InvoiceRow`), over `invoicesJoined`. */
export function invoiceRows(db: ReadableDB) {
  return invoicesJoined(db).select((eb) => [
    'i.id',
    'i.bill_ref as billRef',
    'a.id as applicationId',
    'a.application_ref as applicationRef',
    'a.state as applicationState',
    sql<string>`trim(pr.first_name || ' ' || pr.last_name)`.as('applicantName'),
    'pr.national_id as nationalId',
    'i.amount_due_cents as amountDueCents',
    'i.amount_paid_cents as amountPaidCents',
    sql<number>`max(i.amount_due_cents - i.amount_paid_cents, 0)`.as('balanceCents'),
    'i.access_fee_cents as accessFeeCents',
    'i.refund_due_cents as refundDueCents',
    'i.refunded_at as refundedAt',
    'i.state',
    eb
      .selectFrom('payments as x')
      .select((c) => c.fn.countAll<number>().as('n'))
      .whereRef('x.invoice_id', '=', 'i.id')
      .where('x.state', '=', 'matched')
      .$asScalar()
      .$notNull()
      .as('payments'),
  ]);
}

export function invoiceRow(db: ReadableDB, id: string): InvoiceRow {
  return found(db.first(invoiceRows(db).where('i.id', '=', id)), `invoice with id ${id}`);
}
