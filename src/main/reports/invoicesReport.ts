import type { ReportDefinition } from './types.js';
import { filterClause, ident, money, SAMPLE } from './types.js';

export const invoicesReport: ReportDefinition = {
  name: 'invoices', title: 'Invoices', permission: 'payment.read', personalData: true,
  columns: [
    ident('bill_ref', SAMPLE.billRef, 12), ident('application_ref', SAMPLE.applicationRef, 16), ident('national_id', SAMPLE.nationalId, 11),
    money('amount_due'), money('amount_paid'), money('balance'), ident('status', 'partially_paid', 14),
  ],
  totals: ['amount_due', 'amount_paid', 'balance'],
  *rows(sqlite, f) {
    const { sql, params } = filterClause(f, { time: 'i.created_at', centre: 'a.centre_id', year: 'a.licence_year', state: 'i.state' });
    yield* sqlite.prepare(`
      SELECT i.bill_ref, a.application_ref, p.national_id, i.amount_due_cents AS amount_due, i.amount_paid_cents AS amount_paid,
             i.amount_due_cents - i.amount_paid_cents AS balance, i.state AS status
      FROM invoices i JOIN applications a ON a.id = i.application_id JOIN practitioners p ON p.id = a.practitioner_id
      ${sql} ORDER BY i.created_at, i.id`).iterate(params) as IterableIterator<Record<string, string | number | null>>;
  },
};
