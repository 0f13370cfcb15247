import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { billRefFromNumber } from '../../shared/billRef.js';
import { UserError } from '../../shared/errors.js';
import { newId } from '../core/ids.js';

export function feeFor(sqlite: BetterSqlite3.Database, cadre: string, licenceYear: number): number | null {
  const row = sqlite.prepare('SELECT amount_cents FROM fees WHERE cadre = ? AND licence_year = ?').get(cadre, licenceYear) as
    | { amount_cents: number }
    | undefined;
  return row?.amount_cents ?? null;
}

/** The bill reference is derived from the application: the same application always gets the same one. */
export function billRefFor(sqlite: BetterSqlite3.Database, applicationId: string): string {
  const taken = sqlite.prepare('SELECT 1 FROM invoices WHERE bill_ref = ?');
  for (let attempt = 0; ; attempt++) {
    const digest = createHash('sha256').update(`${applicationId}:${attempt}`).digest();
    const ref = billRefFromNumber(digest.readBigUInt64BE(0));
    if (!taken.get(ref)) return ref;
  }
}

/** Raises the invoice for an approved application, at the fee for its cadre and year. */
export function raiseInvoice(
  sqlite: BetterSqlite3.Database,
  app: { id: string; cadre: string; licence_year: number },
  at: string,
): { id: string; billRef: string; amountDueCents: number } {
  const amount = feeFor(sqlite, app.cadre, app.licence_year);
  if (amount === null) {
    throw new UserError(
      'not_configured',
      `No fee is set for a ${app.cadre} in ${app.licence_year}. An administrator sets it under Settings, Fees.`,
    );
  }
  const id = newId();
  const billRef = billRefFor(sqlite, app.id);
  sqlite
    .prepare(
      `INSERT INTO invoices (id, application_id, bill_ref, amount_due_cents, amount_paid_cents, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, 0, 'unpaid', ?, ?)`,
    )
    .run(id, app.id, billRef, amount, at, at);
  return { id, billRef, amountDueCents: amount };
}
