import type { ReportDefinition } from './types.js';
import { filterClause, money, text } from './types.js';

export const invoicesReport: ReportDefinition = {
  name: 'invoices', title: 'Invoices', permission: 'payment.read', personalData: true,
  columns: [text('bill_ref', 12), text('application_ref', 16), text('national_id', 11), money('amount_due'), money('amount_paid'), money('balance'), text('status', 14)],
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
