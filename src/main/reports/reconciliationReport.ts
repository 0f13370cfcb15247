import { sql } from 'kysely';
import type { ReadableDB } from '../db/handles.js';
import { invoiceSuggester } from '../payments/suggest.js';
import type { ReportDefinition, ReportFilters } from './types.js';
import { datetime, filtered, ident, money, SAMPLE, text } from './types.js';

export const reconciliationReport: ReportDefinition = {
  name: 'reconciliation',
  title: 'Reconciliation',
  permission: 'payment.read',
  personalData: false,
  columns: [
    ident('transaction_id', SAMPLE.transactionId, 14),
    datetime('paid_at'),
    money('amount'),
    text('channel', 12),
    ident('reference_typed', SAMPLE.referenceTyped, 16),
    ident('match_status', 'refund_due', 12),
    ident('matched_bill_ref', SAMPLE.billRef, 12),
    ident('application_ref', SAMPLE.applicationRef, 16),
    ident('match_rule', 'check_character', 14),
    ident('matched_by', SAMPLE.username, 12),
    text('note', 30),
    ident('suggested_bill_ref', SAMPLE.billRef, 12),
  ],
  totals: ['amount'],
  *rows(db, f) {
    const suggested = suggestedRefs(db, f);
    for (const { id, ...row } of db.iterate(payments(db, f).select('p.id'))) yield { ...row, suggested_bill_ref: suggested.get(id) ?? null };
  },
};

const FILTER_COLUMNS = { time: 'p.paid_at', centre: 'a.centre_id', year: 'a.licence_year', state: 'p.state', officer: 'u.username' };

function payments(db: ReadableDB, f: ReportFilters) {
  return filtered(
    db
      .selectFrom('payments as p')
      .leftJoin('invoices as i', 'i.id', 'p.invoice_id')
      .leftJoin('applications as a', 'a.id', 'i.application_id')
      .leftJoin('users as u', 'u.id', 'p.matched_by')
      .select((eb) => [
        'p.transaction_id',
        'p.paid_at',
        'p.amount_cents as amount',
        'p.channel',
        'p.reference_typed',
        'p.state as match_status',
        'i.bill_ref as matched_bill_ref',
        'a.application_ref',
        'p.match_rule',
        eb
          .case()
          .when('p.match_rule', 'is', null)
          .then(null)
          .else(eb.fn.coalesce('u.username', sql.lit('auto-match')))
          .end()
          .as('matched_by'),
        'p.note',
      ])
      .orderBy('p.paid_at')
      .orderBy('p.id'),
    f,
    FILTER_COLUMNS,
  );
}

/**
 * The top suggestion's bill reference for each unmatched payment the report lists, worked out
 * before the rows stream (the connection reads one statement at a time). Only unmatched
 * payments are held, and only their reference.
 */
function suggestedRefs(db: ReadableDB, f: ReportFilters): Map<string, string> {
  const suggest = invoiceSuggester(db);
  const unmatched = db.all(
    filtered(
      db
        .selectFrom('payments as p')
        .leftJoin('invoices as i', 'i.id', 'p.invoice_id')
        .leftJoin('applications as a', 'a.id', 'i.application_id')
        .leftJoin('users as u', 'u.id', 'p.matched_by')
        .where('p.state', '=', 'unmatched')
        .select(['p.id', 'p.amount_cents', 'p.reference_clean', 'p.payer_phone', 'p.payer_name', 'p.paid_at']),
      f,
      FILTER_COLUMNS,
    ),
  );
  const refs = new Map<string, string>();
  for (const p of unmatched) {
    const top = suggest(p).suggestions[0];
    if (top) refs.set(p.id, top.billRef);
  }
  return refs;
}
