import { createHash } from 'node:crypto';
import { billRefFromNumber } from '../../shared/billRef.js';
import { UserError } from '../../shared/errors.js';
import { newId } from '../core/ids.js';
import { statements, type ReadableDB, type WritableDB } from '../db/handles.js';
import type { Database } from '../db/schema.js';

type Cadre = Database['fees']['cadre'];

/** Every approval reads its fee, looks its bill reference up and raises its invoice: built once (compileOnce). */
const fee = (cadre: Cadre, licenceYear: number) =>
  statements.selectFrom('fees').select('amount_cents').where('cadre', '=', cadre).where('licence_year', '=', licenceYear);
const invoiceWithBillRef = (billRef: string) => statements.selectFrom('invoices').select('id').where('bill_ref', '=', billRef);
const insertInvoice = (id: string, applicationId: string, billRef: string, amountDueCents: number, at: string) =>
  statements.insertInto('invoices').values({
    id,
    application_id: applicationId,
    bill_ref: billRef,
    amount_due_cents: amountDueCents,
    amount_paid_cents: 0,
    state: 'unpaid',
    created_at: at,
    updated_at: at,
  });

export function feeFor(db: ReadableDB, cadre: Cadre, licenceYear: number): number | null {
  return db.compileOnce(fee).first(cadre, licenceYear)?.amount_cents ?? null;
}

/** The bill reference is derived from the application: the same application always gets the same one. */
export function billRefFor(db: ReadableDB, applicationId: string): string {
  for (let attempt = 0; ; attempt++) {
    const digest = createHash('sha256').update(`${applicationId}:${attempt}`).digest();
    const ref = billRefFromNumber(digest.readBigUInt64BE(0));
    if (!db.compileOnce(invoiceWithBillRef).first(ref)) return ref;
  }
}

/** Raises the invoice for an approved application, at the fee for its cadre and year. */
export function raiseInvoice(
  db: WritableDB,
  app: { id: string; cadre: Cadre; licence_year: number },
  at: string,
): { id: string; billRef: string; amountDueCents: number } {
  const amount = feeFor(db, app.cadre, app.licence_year);
  if (amount === null) {
    throw new UserError('not_configured', `No fee is set for a ${app.cadre} in ${app.licence_year}. An administrator sets it under Settings, Fees.`);
  }
  const id = newId();
  const billRef = billRefFor(db, app.id);
  db.compileOnce(insertInvoice).run(id, app.id, billRef, amount, at);
  return { id, billRef, amountDueCents: amount };
}
