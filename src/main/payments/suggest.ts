import { sql } from 'kysely';
import type { InvoiceRow, MatchSuggestion } from '../../shared/contract/payments.js';
import { oneCharacterCorrections } from '../../shared/billRef.js';
import { formatKes } from '../../shared/money.js';
import { ftsQuery } from '../applications/queries.js';
import type { ReadableDB } from '../db/handles.js';
import { invoiceRows, type InvoicesEb } from './rows.js';

interface Unmatched {
  amount_cents: number;
  reference_clean: string;
  payer_phone: string | null;
  payer_name: string;
}

/**
 * Invoices a person might match an unmatched payment to, ranked, each with why. Also notes that
 * explain the payment (e.g. it names an application that was rejected, so has no invoice).
 */
export function suggestInvoices(db: ReadableDB, p: Unmatched): { suggestions: MatchSuggestion[]; notes: string[] } {
  const found = new Map<string, { row: InvoiceRow; score: number; why: string[] }>();
  const notes: string[] = [];
  const add = (rows: InvoiceRow[], score: number, why: (row: InvoiceRow) => string) => {
    for (const row of rows) {
      const entry = found.get(row.id) ?? { row, score: 0, why: [] };
      entry.score += score;
      entry.why.push(why(row));
      found.set(row.id, entry);
    }
  };
  const invoices = (where: (eb: InvoicesEb) => ReturnType<InvoicesEb['and']>) => db.all(invoiceRows(db).where(where).limit(20));
  const open = (eb: InvoicesEb) => eb('i.state', 'in', ['unpaid', 'partially_paid']);
  const refWithoutDashes = sql<string>`upper(replace(a.application_ref, '-', ''))`;
  const ref = p.reference_clean;

  if (ref.length >= 2 && ref.length <= 12) {
    for (const candidate of oneCharacterCorrections(ref)) {
      add(
        invoices((eb) => eb('i.bill_ref', '=', candidate)),
        50,
        (r) => `The reference typed, ${ref}, differs by one character from ${r.billRef}`,
      );
    }
  }
  if (ref) {
    add(
      invoices((eb) => eb('pr.national_id', '=', ref)),
      40,
      (r) => `The reference typed is the national ID of ${r.applicantName}`,
    );
    add(
      invoices((eb) => eb(refWithoutDashes, '=', ref)),
      40,
      (r) => `The reference typed is the application reference ${r.applicationRef}`,
    );
    const app = db.first(
      db
        .selectFrom('applications as a')
        .select(['a.application_ref', 'a.state'])
        .where(refWithoutDashes, '=', ref)
        .where('a.state', 'in', ['submitted', 'rejected', 'returned']),
    );
    if (app) notes.push(`The reference typed is application ${app.application_ref}, which is ${app.state}: it has no invoice to pay.`);
  }
  if (p.payer_phone) {
    const phone = p.payer_phone;
    add(
      invoices((eb) => eb.and([eb('pr.phone', '=', phone), open(eb)])),
      30,
      (r) => `The payer's phone is ${r.applicantName}'s`,
    );
  }
  const nameQuery = p.payer_name ? ftsQuery(p.payer_name.split(/\s+/).slice(0, 3).join(' ')) : null;
  if (nameQuery) {
    add(
      invoices((eb) => eb.and([eb(sql`a.rowid`, 'in', sql`(SELECT rowid FROM applications_search WHERE applications_search MATCH ${nameQuery})`), open(eb)])),
      15,
      (r) => `The payer's name matches ${r.applicantName}`,
    );
  }
  for (const entry of found.values()) {
    if (entry.row.balanceCents > 0 && p.amount_cents >= entry.row.balanceCents && p.amount_cents - entry.row.balanceCents <= 5000) {
      entry.score += 20;
      entry.why.push(`The amount ${formatKes(p.amount_cents)} covers the balance of ${formatKes(entry.row.balanceCents)}`);
    }
    if (entry.row.state === 'paid' || entry.row.state === 'overpaid') entry.why.push('This invoice is already paid: matching would make it overpaid');
  }
  const suggestions = [...found.values()]
    .sort((a, b) => b.score - a.score || a.row.billRef.localeCompare(b.row.billRef))
    .slice(0, 5)
    .map(({ row, score, why }): MatchSuggestion => ({
      invoiceId: row.id,
      billRef: row.billRef,
      applicationRef: row.applicationRef,
      applicantName: row.applicantName,
      nationalId: row.nationalId,
      amountDueCents: row.amountDueCents,
      balanceCents: row.balanceCents,
      invoiceState: row.state,
      score,
      why,
    }));
  return { suggestions, notes };
}
