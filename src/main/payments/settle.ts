import { sql } from 'kysely';
import type { DeskServices } from '../core/deskServices.js';
import type { CommandContext } from '../core/registry.js';
import type { WritableDB } from '../db/handles.js';
import { formatKes } from '../../shared/money.js';
import { smsLanguage } from '../applications/decide.js';
import { smsBatch } from '../sms/queue.js';

export type SettleContext = Pick<CommandContext, 'db' | 'desk' | 'actor' | 'now' | 'afterCommit'>;

export function toleranceCents(desk: DeskServices): number {
  return Number(desk.setting('payments.accessFeeToleranceKes')) * 100;
}

export interface SettleOutcome {
  /** Applications that became paid (their SMS is queued). */
  paid: number;
  /** Applications that went back to approved because a payment was taken off their invoice. */
  reopened: number;
}

/*
 * Settling is hand-written SQL (`sql` templates), each step one statement over the whole list, for
 * the auto-reconcile figure (QUALITY.md: matching plus settling ≤ 5× the exact-reference join).
 * It works on two temporary tables of the connection: `settle_ids`, the invoices to settle, and
 * `settle_moved`, the applications that follow them, by row id (each later step reads them
 * straight from the table, without a look-up by id).
 */

/** Every time: a rolled-back transaction (a dry run) takes the temporary tables it created with it. */
function tempTables(db: WritableDB): void {
  db.exec(sql`CREATE TEMP TABLE IF NOT EXISTS settle_ids (id TEXT PRIMARY KEY);
    CREATE TEMP TABLE IF NOT EXISTS settle_moved (rid INTEGER PRIMARY KEY, to_paid INTEGER NOT NULL);`);
}

/**
 * Recomputes invoices from the payments matched to them: the amount paid is always the sum of
 * matched payments, so settling is the same whether a payment was added or taken away. An amount
 * over the fee within the access-fee tolerance is recorded as the access fee; more than that is an
 * overpayment with the surplus due back. Applications follow their invoice (approved ⇄ paid), and
 * each that becomes paid has its "paid" SMS queued.
 */
export function settleInvoices(ctx: SettleContext, invoiceIds: Iterable<string>): SettleOutcome {
  const { db } = ctx;
  tempTables(db);
  db.run(sql`DELETE FROM temp.settle_ids`);
  db.run(sql`INSERT OR IGNORE INTO temp.settle_ids (id) SELECT value FROM json_each(${JSON.stringify([...invoiceIds])})`);
  return settleListed(ctx);
}

/**
 * Settles the invoices listed in the connection's `temp.settle_ids` (filled by the caller, e.g.
 * with one INSERT … SELECT over a batch of matches): every step is one statement over the whole
 * list, whatever its length, except the SMS, rendered per message.
 */
export function settleListed(ctx: SettleContext): SettleOutcome {
  const { db, now, actor } = ctx;
  const tolerance = toleranceCents(ctx.desk);
  tempTables(db);
  // The amount paid is computed once per invoice, and every field follows from it in one write.
  db.run(sql`UPDATE invoices SET
       amount_paid_cents = x.paid,
       state = CASE WHEN x.paid = 0 THEN 'unpaid'
                    WHEN x.paid < amount_due_cents THEN 'partially_paid'
                    WHEN x.paid - amount_due_cents <= ${tolerance} THEN 'paid'
                    ELSE 'overpaid' END,
       access_fee_cents = CASE WHEN x.paid >= amount_due_cents AND x.paid - amount_due_cents <= ${tolerance}
                               THEN x.paid - amount_due_cents ELSE 0 END,
       refund_due_cents = CASE WHEN x.paid - amount_due_cents > ${tolerance} THEN x.paid - amount_due_cents ELSE 0 END,
       paid_at = CASE WHEN x.paid >= amount_due_cents THEN coalesce(paid_at, ${now}) ELSE NULL END,
       version = version + 1, updated_at = ${now}
     FROM (SELECT s.id, coalesce((SELECT sum(p.amount_cents) FROM payments p WHERE p.invoice_id = s.id AND p.state = 'matched'), 0) AS paid
           FROM temp.settle_ids s) AS x
     WHERE invoices.id = x.id`);
  db.run(sql`DELETE FROM temp.settle_moved`);
  // CROSS JOIN keeps SQLite starting from the few settled invoices, not from every approved application.
  const moved = db.run(sql`INSERT INTO temp.settle_moved (rid, to_paid)
     SELECT a.rowid, i.state IN ('paid', 'overpaid') FROM temp.settle_ids s CROSS JOIN invoices i ON i.id = s.id CROSS JOIN applications a ON a.id = i.application_id
     WHERE (i.state IN ('paid', 'overpaid') AND a.state = 'approved') OR (i.state IN ('unpaid', 'partially_paid') AND a.state = 'paid')`).changes;
  if (moved === 0) return { paid: 0, reopened: 0 };
  // Those that became paid first, then those reopened; each group in application id order.
  db.run(sql`INSERT INTO application_history (application_id, at, actor_id, actor_name, action, from_state, to_state, reason, revision)
     SELECT a.id, ${now}, ${actor.id}, ${actor.username},
            CASE WHEN m.to_paid THEN 'settle' ELSE 'unsettle' END,
            CASE WHEN m.to_paid THEN 'approved' ELSE 'paid' END,
            CASE WHEN m.to_paid THEN 'paid' ELSE 'approved' END,
            NULL, a.revision
     FROM temp.settle_moved m CROSS JOIN applications a ON a.rowid = m.rid
     ORDER BY m.to_paid DESC, a.id`);
  db.run(sql`UPDATE applications SET state = CASE WHEN m.to_paid THEN 'paid' ELSE 'approved' END, version = version + 1, updated_at = ${now}
     FROM temp.settle_moved m WHERE applications.rowid = m.rid`);
  const paid = queuePaidSms(ctx);
  return { paid, reopened: moved - paid };
}

/** The "paid" SMS of every application the settlement made paid; returns how many became paid. */
function queuePaidSms(ctx: SettleContext): number {
  const fallback = ctx.desk.setting('sms.defaultLanguage');
  const queue = smsBatch(ctx.db, 'paid', ctx.now);
  let paid = 0;
  let queued = false;
  const toPaid = ctx.db.all(sql<{
    id: string;
    application_ref: string;
    licence_year: number;
    revision: number;
    first_name: string;
    phone: string | null;
    language: string;
    bill_ref: string;
    amount_paid_cents: number;
  }>`SELECT a.id, a.application_ref, a.licence_year, a.revision, p.first_name, p.phone, p.language, i.bill_ref, i.amount_paid_cents
     FROM temp.settle_moved m CROSS JOIN applications a ON a.rowid = m.rid CROSS JOIN practitioners p ON p.id = a.practitioner_id
       CROSS JOIN invoices i ON i.application_id = a.id
     WHERE m.to_paid ORDER BY a.id`);
  for (const a of toPaid) {
    paid++;
    queued =
      queue({
        eventKey: `paid:${a.id}:${a.revision}`,
        applicationId: a.id,
        phone: a.phone,
        language: smsLanguage({ p_language: a.language }, fallback),
        values: { name: a.first_name, ref: a.application_ref, year: String(a.licence_year), billRef: a.bill_ref, amount: formatKes(a.amount_paid_cents) },
      }) || queued;
  }
  if (queued) ctx.afterCommit(() => ctx.desk.notifySmsQueued());
  return paid;
}
