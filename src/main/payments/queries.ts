import type { InvoiceRow, PaymentDetail, PaymentRow, PaymentTotals } from '../../shared/contract/payments.js';
import { cleanBillRef } from '../../shared/billRef.js';
import { normalisePhone } from '../../shared/phone.js';
import { nairobiDayStart } from '../../shared/time.js';
import { defineQuery } from '../core/registry.js';
import { INVOICE_ROW_SQL, PAYMENT_ROW_SQL, invoiceRow, paymentRow } from './rows.js';
import { suggestInvoices } from './suggest.js';

const SORTS = { paidAt: 'p.paid_at', amount: 'p.amount_cents', reference: 'p.reference_clean' } as const;

export const paymentsList = defineQuery('payments.list', async (db, { sqlite }, input) =>
  db.connection().execute(async () => {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (input.view !== 'all') { where.push('p.state = @view'); params.view = input.view; }
    if (input.from) { where.push('p.paid_at >= @from'); params.from = nairobiDayStart(input.from); }
    if (input.to) { where.push('p.paid_at < @to'); params.to = nairobiDayStart(input.to, 1); }
    if (input.search) {
      const phone = normalisePhone(input.search);
      Object.assign(params, { term: input.search.trim().toUpperCase(), clean: cleanBillRef(input.search), phone: phone.ok ? phone.msisdn : null, like: `%${input.search.trim().replace(/[%_]/g, '')}%` });
      where.push(`(p.transaction_id = @term OR p.reference_clean = @clean OR p.payer_phone = @phone OR p.payer_name LIKE @like
        OR i.bill_ref = @clean OR a.application_ref = @term OR EXISTS (SELECT 1 FROM payment_keys k WHERE k.key = @term AND k.payment_id = p.id))`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = sqlite.prepare(`SELECT count(*) FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id LEFT JOIN applications a ON a.id = i.application_id ${filter}`).pluck().get(params) as number;
    const rows = sqlite
      .prepare(`${PAYMENT_ROW_SQL} ${filter} ORDER BY ${SORTS[input.sort]} ${input.dir === 'desc' ? 'DESC' : 'ASC'}, p.id LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: input.pageSize, offset: input.page * input.pageSize }) as PaymentRow[];
    return { rows, total, page: input.page, pageSize: input.pageSize };
  }));

export const paymentDetail = defineQuery('payment.detail', async (db, { sqlite }, input) =>
  db.connection().execute(async (): Promise<PaymentDetail> => {
    const row = paymentRow(sqlite, input.id);
    const p = sqlite.prepare('SELECT * FROM payments WHERE id = ?').get(input.id) as Record<string, string | number | null>;
    const matchedBy = p.matched_by ? (sqlite.prepare('SELECT username FROM users WHERE id = ?').pluck().get(p.matched_by) as string) : null;
    const otherKeys = sqlite.prepare('SELECT key FROM payment_keys WHERE payment_id = ? AND key <> ?').pluck().all(input.id, row.transactionId) as string[];
    const extra = row.state === 'unmatched'
      ? suggestInvoices(sqlite, { amount_cents: row.amountCents, reference_clean: String(p.reference_clean), payer_phone: row.payerPhone, payer_name: row.payerName })
      : { suggestions: [], notes: [] };
    return {
      ...row,
      payerPhoneRaw: String(p.payer_phone_raw ?? ''),
      sourceFile: String(p.source_file ?? ''),
      matchedBy: p.match_rule && !p.matched_by ? 'auto-match' : matchedBy,
      matchedAt: (p.matched_at as string | null) ?? null,
      note: (p.note as string | null) ?? null,
      otherKeys,
      invoice: p.invoice_id ? invoiceRow(sqlite, String(p.invoice_id)) : null,
      ...extra,
    };
  }));

const INVOICE_VIEWS: Record<string, string> = {
  open: "i.state IN ('unpaid', 'partially_paid')",
  partially_paid: "i.state = 'partially_paid'",
  overpaid: "i.state = 'overpaid'",
  refund_due: 'i.refund_due_cents > 0 AND i.refunded_at IS NULL',
  paid: "i.state = 'paid'",
  all: '1 = 1',
};

export const invoicesList = defineQuery('invoices.list', async (db, { sqlite }, input) =>
  db.connection().execute(async () => {
    const where = [INVOICE_VIEWS[input.view]!];
    const params: Record<string, unknown> = { limit: input.pageSize, offset: input.page * input.pageSize };
    if (input.search) {
      where.push(`(i.bill_ref = @clean OR a.application_ref = @term OR pr.national_id = @term OR (trim(pr.first_name || ' ' || pr.last_name) LIKE @like))`);
      Object.assign(params, { clean: cleanBillRef(input.search), term: input.search.trim().toUpperCase(), like: `%${input.search.trim().replace(/[%_]/g, '')}%` });
    }
    const filter = `WHERE ${where.join(' AND ')}`;
    const total = sqlite.prepare(`SELECT count(*) FROM invoices i JOIN applications a ON a.id = i.application_id JOIN practitioners pr ON pr.id = a.practitioner_id ${filter}`).pluck().get(params) as number;
    const rows = sqlite.prepare(`${INVOICE_ROW_SQL} ${filter} ORDER BY i.created_at, i.id LIMIT @limit OFFSET @offset`).all(params) as InvoiceRow[];
    return { rows, total, page: input.page, pageSize: input.pageSize };
  }));

export const paymentsTotals = defineQuery('payments.totals', async (db, { sqlite }, input) =>
  db.connection().execute(async (): Promise<PaymentTotals> => {
    const from = input.from ? nairobiDayStart(input.from) : '0000';
    const to = input.to ? nairobiDayStart(input.to, 1) : '9999';
    const sums = sqlite.prepare(
      `SELECT coalesce(sum(amount_cents), 0) AS received, count(*) AS n,
              coalesce(sum(CASE WHEN state = 'matched' THEN amount_cents END), 0) AS matched, count(CASE WHEN state = 'matched' THEN 1 END) AS nMatched,
              coalesce(sum(CASE WHEN state = 'unmatched' THEN amount_cents END), 0) AS unmatched, count(CASE WHEN state = 'unmatched' THEN 1 END) AS nUnmatched,
              coalesce(sum(CASE WHEN state = 'ignored' THEN amount_cents END), 0) AS ignored, count(CASE WHEN state = 'ignored' THEN 1 END) AS nIgnored,
              coalesce(sum(CASE WHEN state = 'refund_due' THEN amount_cents END), 0) AS refundDue, count(CASE WHEN state = 'refund_due' THEN 1 END) AS nRefundDue
       FROM payments WHERE paid_at >= ? AND paid_at < ?`,
    ).get(from, to) as Record<string, number>;
    const expected = sqlite.prepare('SELECT coalesce(sum(amount_due_cents), 0) FROM invoices WHERE created_at >= ? AND created_at < ?').pluck().get(from, to) as number;
    // The part of Matched paid over the amount due, on invoices whose surplus is not refunded yet:
    // each payment's share is what it paid beyond the amount due (in the order paid), so the
    // surplus falls in the period of the payments that made it and is never more than Matched.
    const surplus = sqlite.prepare(
      `SELECT coalesce(sum(over), 0) FROM (
         SELECT p.paid_at,
                max(0, min(p.amount_cents,
                           sum(p.amount_cents) OVER (PARTITION BY p.invoice_id ORDER BY p.paid_at, p.id) - i.amount_due_cents)) AS over
         FROM invoices i JOIN payments p ON p.invoice_id = i.id AND p.state = 'matched'
         WHERE i.refunded_at IS NULL AND i.refund_due_cents > 0)
       WHERE paid_at >= ? AND paid_at < ?`,
    ).pluck().get(from, to) as number;
    return {
      expectedCents: expected, receivedCents: sums.received!, matchedCents: sums.matched!, unmatchedCents: sums.unmatched!,
      ignoredCents: sums.ignored!, refundDueCents: sums.refundDue!, overpaidSurplusCents: surplus,
      counts: { received: sums.n!, matched: sums.nMatched!, unmatched: sums.nUnmatched!, ignored: sums.nIgnored!, refundDue: sums.nRefundDue! },
    };
  }));

