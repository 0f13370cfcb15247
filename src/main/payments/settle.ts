import { sql } from 'kysely';
import type { DeskServices } from '../core/deskServices.js';
import type { CommandContext } from '../core/registry.js';
import type { WritableDB } from '../db/handles.js';
import { formatKes } from '../../shared/money.js';
import { smsLanguage } from '../applications/decide.js';
import { queueSmsBatch } from '../sms/queue.js';

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
 * It works on temporary tables of the connection: `settle_ids`, the invoices to settle;
 * `settle_new`, each of them as settling leaves it; and `settle_moved`, the applications that
 * follow them. Later steps read them by row id, without a look-up by id.
 */

/** Every time: a rolled-back transaction (a dry run) takes the temporary tables it created with it. */
function tempTables(db: WritableDB): void {
  db.exec(sql`CREATE TEMP TABLE IF NOT EXISTS settle_ids (id TEXT PRIMARY KEY);
    CREATE TEMP TABLE IF NOT EXISTS settle_new (rid INTEGER PRIMARY KEY, application_id TEXT NOT NULL, bill_ref TEXT NOT NULL,
      paid INTEGER NOT NULL, state TEXT NOT NULL, access_fee_cents INTEGER NOT NULL, refund_due_cents INTEGER NOT NULL, paid_at TEXT,
      changed INTEGER NOT NULL);
    CREATE TEMP TABLE IF NOT EXISTS settle_moved (rid INTEGER PRIMARY KEY, to_paid INTEGER NOT NULL, id TEXT NOT NULL, revision INTEGER NOT NULL,
      practitioner_id TEXT NOT NULL, application_ref TEXT NOT NULL, licence_year INTEGER NOT NULL, bill_ref TEXT NOT NULL, paid INTEGER NOT NULL);`);
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
  db.run(sql`DELETE FROM temp.settle_new`);
  // Each invoice as settling leaves it, its amount paid summed once; an invoice a payment paid
  // again for what it already held (an earlier year's invoice, settled before) does not change.
  db.run(sql`INSERT INTO temp.settle_new (rid, application_id, bill_ref, paid, state, access_fee_cents, refund_due_cents, paid_at, changed)
     WITH summed AS MATERIALIZED (
       SELECT i.rowid AS rid, i.application_id, i.bill_ref, i.amount_due_cents AS due, i.amount_paid_cents AS was_paid, i.state AS was_state,
              i.access_fee_cents AS was_fee, i.refund_due_cents AS was_refund, i.paid_at AS was_paid_at,
              coalesce((SELECT sum(p.amount_cents) FROM payments p WHERE p.invoice_id = i.id AND p.state = 'matched'), 0) AS paid
       FROM temp.settle_ids s CROSS JOIN invoices i ON i.id = s.id)
     SELECT rid, application_id, bill_ref, paid, state, access_fee_cents, refund_due_cents, paid_at,
            paid IS NOT was_paid OR state IS NOT was_state OR access_fee_cents IS NOT was_fee OR refund_due_cents IS NOT was_refund
              OR paid_at IS NOT was_paid_at
     FROM (SELECT rid, application_id, bill_ref, paid, was_paid, was_state, was_fee, was_refund, was_paid_at,
                  CASE WHEN paid = 0 THEN 'unpaid' WHEN paid < due THEN 'partially_paid' WHEN paid - due <= ${tolerance} THEN 'paid'
                       ELSE 'overpaid' END AS state,
                  CASE WHEN paid >= due AND paid - due <= ${tolerance} THEN paid - due ELSE 0 END AS access_fee_cents,
                  CASE WHEN paid - due > ${tolerance} THEN paid - due ELSE 0 END AS refund_due_cents,
                  CASE WHEN paid >= due THEN coalesce(was_paid_at, ${now}) ELSE NULL END AS paid_at
           FROM summed)`);
  // Driven from the list (rowid IN …): as a join, SQLite would scan every invoice for the few listed.
  db.run(sql`UPDATE invoices SET (amount_paid_cents, state, access_fee_cents, refund_due_cents, paid_at) =
       (SELECT n.paid, n.state, n.access_fee_cents, n.refund_due_cents, n.paid_at FROM temp.settle_new n WHERE n.rid = invoices.rowid),
       version = version + 1, updated_at = ${now}
     WHERE rowid IN (SELECT rid FROM temp.settle_new WHERE changed)`);
  db.run(sql`DELETE FROM temp.settle_moved`);
  // An application moves when its invoice is paid and it is approved, or open and it is paid: one
  // look-up of (state, id) per invoice in the state index, which holds both, so only the
  // applications that move are read, once, for what the later steps need. CROSS JOIN keeps SQLite
  // starting from the settled invoices.
  const moved = db.run(sql`INSERT INTO temp.settle_moved (rid, to_paid, id, revision, practitioner_id, application_ref, licence_year, bill_ref, paid)
     SELECT a.rowid, n.state IN ('paid', 'overpaid'), a.id, a.revision, a.practitioner_id, a.application_ref, a.licence_year, n.bill_ref, n.paid
     FROM temp.settle_new n CROSS JOIN applications a INDEXED BY applications_grid_state
       ON a.state = CASE WHEN n.state IN ('paid', 'overpaid') THEN 'approved' ELSE 'paid' END AND a.id = n.application_id`).changes;
  if (moved === 0) return { paid: 0, reopened: 0 };
  // Those that became paid first, then those reopened; each group in application id order.
  db.run(sql`INSERT INTO application_history (application_id, at, actor_id, actor_name, action, from_state, to_state, reason, revision)
     SELECT m.id, ${now}, ${actor.id}, ${actor.username},
            CASE WHEN m.to_paid THEN 'settle' ELSE 'unsettle' END,
            CASE WHEN m.to_paid THEN 'approved' ELSE 'paid' END,
            CASE WHEN m.to_paid THEN 'paid' ELSE 'approved' END,
            NULL, m.revision
     FROM temp.settle_moved m
     ORDER BY m.to_paid DESC, m.id`);
  // Driven from the list, as the invoices above: as a join, SQLite scanned every application.
  for (const [toPaid, state] of [
    [1, 'paid'],
    [0, 'approved'],
  ] as const) {
    db.run(sql`UPDATE applications SET state = ${state}, version = version + 1, updated_at = ${now}
       WHERE rowid IN (SELECT rid FROM temp.settle_moved WHERE to_paid = ${toPaid})`);
  }
  const paid = queuePaidSms(ctx);
  return { paid, reopened: moved - paid };
}

/** The "paid" SMS of every application the settlement made paid; returns how many became paid. */
function queuePaidSms(ctx: SettleContext): number {
  const fallback = ctx.desk.setting('sms.defaultLanguage');
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
  }>`SELECT m.id, m.application_ref, m.licence_year, m.revision, p.first_name, p.phone, p.language, m.bill_ref, m.paid AS amount_paid_cents
     FROM temp.settle_moved m CROSS JOIN practitioners p ON p.id = m.practitioner_id
     WHERE m.to_paid ORDER BY m.id`);
  const queued = queueSmsBatch(
    ctx.db,
    'paid',
    ctx.now,
    toPaid.map((a) => ({
      eventKey: `paid:${a.id}:${a.revision}`,
      applicationId: a.id,
      phone: a.phone,
      language: smsLanguage({ p_language: a.language }, fallback),
      values: { name: a.first_name, ref: a.application_ref, year: String(a.licence_year), billRef: a.bill_ref, amount: formatKes(a.amount_paid_cents) },
    })),
  );
  if (queued > 0) ctx.afterCommit(() => ctx.desk.notifySmsQueued());
  return toPaid.length;
}
