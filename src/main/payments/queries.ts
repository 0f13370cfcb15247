import { sql, type ExpressionBuilder } from 'kysely';
import type { PaymentDetail, PaymentTotals } from '../../shared/contract/payments.js';
import { cleanBillRef } from '../../shared/billRef.js';
import { normalisePhone } from '../../shared/phone.js';
import { nairobiDayStart } from '../../shared/time.js';
import { defineQuery } from '../core/registry.js';
import { pageOf } from '../db/pages.js';
import type { Database } from '../db/schema.js';
import { invoiceRow, invoiceRows, invoicesJoined, paymentRow, paymentRows, paymentsJoined, type InvoicesEb } from './rows.js';
import { invoiceSuggester } from './suggest.js';
import { paymentEvidence } from './suggestions.js';

const SORTS = { paidAt: 'p.paid_at', amount: 'p.amount_cents', reference: 'p.reference_clean' } as const;

/** `like` text for a search term: `%term%`, with LIKE's own wildcards taken out. */
const likeTerm = (search: string) => `%${search.trim().replace(/[%_]/g, '')}%`;

type PaymentsEb = ExpressionBuilder<Database & { p: Database['payments']; i: Database['invoices']; a: Database['applications'] }, 'p' | 'i' | 'a'>;

export const paymentsList = defineQuery('payments.list', async ({ db }, input) => {
  const filter = (eb: PaymentsEb) => {
    const where = [];
    if (input.view !== 'all') where.push(eb('p.state', '=', input.view));
    if (input.from) where.push(eb('p.paid_at', '>=', nairobiDayStart(input.from)));
    if (input.to) where.push(eb('p.paid_at', '<', nairobiDayStart(input.to, 1)));
    if (input.search) {
      const phone = normalisePhone(input.search);
      const term = input.search.trim().toUpperCase();
      const clean = cleanBillRef(input.search);
      where.push(
        eb.or([
          eb('p.transaction_id', '=', term),
          eb('p.reference_clean', '=', clean),
          eb('p.payer_phone', '=', phone.ok ? phone.msisdn : null),
          eb('p.payer_name', 'like', likeTerm(input.search)),
          eb('i.bill_ref', '=', clean),
          eb('a.application_ref', '=', term),
          eb.exists(eb.selectFrom('payment_keys as k').select(sql.lit(1).as('one')).where('k.key', '=', term).whereRef('k.payment_id', '=', 'p.id')),
        ]),
      );
    }
    return eb.and(where);
  };
  const page = pageOf(
    db,
    paymentsJoined(db).where(filter),
    paymentRows(db)
      .where(filter)
      .orderBy(SORTS[input.sort], input.dir === 'desc' ? 'desc' : 'asc')
      .orderBy('p.id'),
    input,
  );
  if (input.view !== 'unmatched') return page;
  const suggest = invoiceSuggester(db);
  const evidence = new Map(
    paymentEvidence(
      db,
      page.rows.map((r) => r.id),
    ).map((p) => [p.id, p] as const),
  );
  return { ...page, rows: page.rows.map((row) => ({ ...row, suggestion: suggest(evidence.get(row.id)!).suggestions[0] ?? null })) };
});

export const paymentDetail = defineQuery('payment.detail', async ({ db }, input): Promise<PaymentDetail> => {
  const row = paymentRow(db, input.id);
  const p = db.first(db.selectFrom('payments').selectAll().where('id', '=', input.id))!;
  const matchedBy = p.matched_by ? db.first(db.selectFrom('users').select('username').where('id', '=', p.matched_by))!.username : null;
  const otherKeys = db
    .all(db.selectFrom('payment_keys').select('key').where('payment_id', '=', input.id).where('key', '<>', row.transactionId))
    .map((k) => k.key);
  const extra = row.state === 'unmatched' ? invoiceSuggester(db)(p) : { suggestions: [], notes: [] };
  return {
    ...row,
    payerPhoneRaw: p.payer_phone_raw,
    sourceFile: p.source_file,
    matchedBy: p.match_rule && !p.matched_by ? 'auto-match' : matchedBy,
    matchedAt: p.matched_at,
    note: p.note,
    otherKeys,
    invoice: p.invoice_id ? invoiceRow(db, p.invoice_id) : null,
    ...extra,
  };
});

const INVOICE_VIEWS = {
  open: (eb: InvoicesEb) => eb('i.state', 'in', ['unpaid', 'partially_paid']),
  partially_paid: (eb: InvoicesEb) => eb('i.state', '=', 'partially_paid'),
  overpaid: (eb: InvoicesEb) => eb('i.state', '=', 'overpaid'),
  refund_due: (eb: InvoicesEb) => eb.and([eb('i.refund_due_cents', '>', 0), eb('i.refunded_at', 'is', null)]),
  paid: (eb: InvoicesEb) => eb('i.state', '=', 'paid'),
  all: (eb: InvoicesEb) => eb.and([]),
};

export const invoicesList = defineQuery('invoices.list', async ({ db }, input) => {
  const filter = (eb: InvoicesEb) => {
    const where = [INVOICE_VIEWS[input.view](eb)];
    if (input.search) {
      where.push(
        eb.or([
          eb('i.bill_ref', '=', cleanBillRef(input.search)),
          eb('a.application_ref', '=', input.search.trim().toUpperCase()),
          eb('pr.national_id', '=', input.search.trim().toUpperCase()),
          eb(sql<string>`trim(pr.first_name || ' ' || pr.last_name)`, 'like', likeTerm(input.search)),
        ]),
      );
    }
    return eb.and(where);
  };
  return pageOf(db, invoicesJoined(db).where(filter), invoiceRows(db).where(filter).orderBy('i.created_at').orderBy('i.id'), input);
});

export const paymentsTotals = defineQuery('payments.totals', async ({ db }, input): Promise<PaymentTotals> => {
  const from = input.from ? nairobiDayStart(input.from) : '0000';
  const to = input.to ? nairobiDayStart(input.to, 1) : '9999';
  const sums = db.first(
    db
      .selectFrom('payments')
      .where('paid_at', '>=', from)
      .where('paid_at', '<', to)
      .select((eb) => {
        const amountIf = (state: Database['payments']['state']) =>
          eb.fn.coalesce(eb.fn.sum<number>(eb.case().when('state', '=', state).then(eb.ref('amount_cents')).end()), sql.lit(0));
        const countIf = (state: Database['payments']['state']) => eb.fn.count<number>(eb.case().when('state', '=', state).then(sql.lit(1)).end());
        return [
          eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), sql.lit(0)).as('received'),
          eb.fn.countAll<number>().as('n'),
          amountIf('matched').as('matched'),
          countIf('matched').as('nMatched'),
          amountIf('unmatched').as('unmatched'),
          countIf('unmatched').as('nUnmatched'),
          amountIf('ignored').as('ignored'),
          countIf('ignored').as('nIgnored'),
          amountIf('refund_due').as('refundDue'),
          countIf('refund_due').as('nRefundDue'),
        ];
      }),
  )!;
  const { expected } = db.first(
    db
      .selectFrom('invoices')
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_due_cents'), sql.lit(0)).as('expected')),
  )!;
  // The part of Matched paid over the amount due, on invoices whose surplus is not refunded yet:
  // each payment's share is what it paid beyond the amount due (in the order paid), so the
  // surplus falls in the period of the payments that made it and is never more than Matched.
  const shares = db
    .selectFrom('invoices as i')
    .innerJoin('payments as p', (join) => join.onRef('p.invoice_id', '=', 'i.id').on('p.state', '=', 'matched'))
    .where('i.refunded_at', 'is', null)
    .where('i.refund_due_cents', '>', 0)
    .select([
      'p.paid_at',
      sql<number>`max(0, min(p.amount_cents,
      sum(p.amount_cents) OVER (PARTITION BY p.invoice_id ORDER BY p.paid_at, p.id) - i.amount_due_cents))`.as('over'),
    ]);
  const { surplus } = db.first(
    db
      .selectFrom(shares.as('s'))
      .where('s.paid_at', '>=', from)
      .where('s.paid_at', '<', to)
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('s.over'), sql.lit(0)).as('surplus')),
  )!;
  return {
    expectedCents: expected,
    receivedCents: sums.received,
    matchedCents: sums.matched,
    unmatchedCents: sums.unmatched,
    ignoredCents: sums.ignored,
    refundDueCents: sums.refundDue,
    overpaidSurplusCents: surplus,
    counts: { received: sums.n, matched: sums.nMatched, unmatched: sums.nUnmatched, ignored: sums.nIgnored, refundDue: sums.nRefundDue },
  };
});
