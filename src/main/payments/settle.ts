import type { DeskServices } from '../core/desk.js';
import type { CommandContext } from '../core/registry.js';
import { formatKes } from '../../shared/money.js';
import { smsLanguage } from '../applications/decide.js';
import { queueSms } from '../sms/queue.js';

export type SettleContext = Pick<CommandContext, 'sqlite' | 'desk' | 'actor' | 'now' | 'afterCommit'>;

export function toleranceCents(desk: DeskServices): number {
  return Number(desk.setting('payments.accessFeeToleranceKes')) * 100;
}

export interface SettleOutcome {
  /** Applications that became paid (their SMS is queued). */
  paid: string[];
  /** Applications that went back to approved because a payment was taken off their invoice. */
  reopened: string[];
}

/**
 * Recomputes invoices from the payments matched to them: the amount paid is always the sum of
 * matched payments, so settling is the same whether a payment was added or taken away. An amount
 * over the fee within the access-fee tolerance is recorded as the access fee; more than that is an
 * overpayment with the surplus due back. Applications follow their invoice (approved ⇄ paid).
 */
export function settleInvoices(ctx: SettleContext, invoiceIds: Iterable<string>): SettleOutcome {
  const { sqlite, now } = ctx;
  sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS settle_ids (id TEXT PRIMARY KEY); DELETE FROM settle_ids;');
  const add = sqlite.prepare('INSERT OR IGNORE INTO settle_ids (id) VALUES (?)');
  for (const id of invoiceIds) add.run(id);
  const tolerance = toleranceCents(ctx.desk);

  sqlite.prepare(
    `UPDATE invoices SET amount_paid_cents = coalesce((SELECT sum(p.amount_cents) FROM payments p WHERE p.invoice_id = invoices.id AND p.state = 'matched'), 0)
     WHERE id IN (SELECT id FROM settle_ids)`,
  ).run();
  sqlite.prepare(
    `UPDATE invoices SET
       state = CASE WHEN amount_paid_cents = 0 THEN 'unpaid'
                    WHEN amount_paid_cents < amount_due_cents THEN 'partially_paid'
                    WHEN amount_paid_cents - amount_due_cents <= @tolerance THEN 'paid'
                    ELSE 'overpaid' END,
       access_fee_cents = CASE WHEN amount_paid_cents >= amount_due_cents AND amount_paid_cents - amount_due_cents <= @tolerance
                               THEN amount_paid_cents - amount_due_cents ELSE 0 END,
       refund_due_cents = CASE WHEN amount_paid_cents - amount_due_cents > @tolerance THEN amount_paid_cents - amount_due_cents ELSE 0 END,
       paid_at = CASE WHEN amount_paid_cents >= amount_due_cents THEN coalesce(paid_at, @now) ELSE NULL END,
       version = version + 1, updated_at = @now
     WHERE id IN (SELECT id FROM settle_ids)`,
  ).run({ tolerance, now });

  // CROSS JOIN keeps SQLite starting from the few settled invoices, not from every approved application.
  const moving = (invoiceStates: string, applicationState: string) =>
    sqlite.prepare(
      `SELECT a.id FROM settle_ids s CROSS JOIN invoices i ON i.id = s.id CROSS JOIN applications a ON a.id = i.application_id
       WHERE i.state IN (${invoiceStates}) AND a.state = ? ORDER BY a.id`,
    ).pluck().all(applicationState) as string[];
  const paid = moving(`'paid', 'overpaid'`, 'approved');
  const reopened = moving(`'unpaid', 'partially_paid'`, 'paid');
  moveApplications(ctx, paid, 'approved', 'paid', 'settle');
  moveApplications(ctx, reopened, 'paid', 'approved', 'unsettle');
  queuePaidSms(ctx, paid);
  return { paid, reopened };
}

function moveApplications(ctx: SettleContext, ids: string[], from: string, to: string, action: string): void {
  if (ids.length === 0) return;
  const { sqlite, now, actor } = ctx;
  const update = sqlite.prepare(`UPDATE applications SET state = ?, version = version + 1, updated_at = ? WHERE id = ? AND state = ?`);
  const history = sqlite.prepare(
    `INSERT INTO application_history (application_id, at, actor_id, actor_name, action, from_state, to_state, reason, revision)
     SELECT id, ?, ?, ?, ?, ?, ?, NULL, revision FROM applications WHERE id = ?`,
  );
  for (const id of ids) {
    update.run(to, now, id, from);
    history.run(now, actor.id, actor.username, action, from, to, id);
  }
}

function queuePaidSms(ctx: SettleContext, applicationIds: string[]): void {
  if (applicationIds.length === 0) return;
  const { sqlite, now } = ctx;
  const load = sqlite.prepare(
    `SELECT a.id, a.application_ref, a.licence_year, a.revision, p.first_name, p.phone, p.language, i.bill_ref, i.amount_paid_cents
     FROM applications a JOIN practitioners p ON p.id = a.practitioner_id JOIN invoices i ON i.application_id = a.id WHERE a.id = ?`,
  );
  const fallback = ctx.desk.setting('sms.defaultLanguage');
  let queued = false;
  for (const id of applicationIds) {
    const a = load.get(id) as {
      id: string; application_ref: string; licence_year: number; revision: number; first_name: string;
      phone: string | null; language: string; bill_ref: string; amount_paid_cents: number;
    };
    const r = queueSms(sqlite, {
      event: 'paid',
      eventKey: `paid:${a.id}:${a.revision}`,
      applicationId: a.id,
      phone: a.phone,
      language: smsLanguage({ p_language: a.language }, fallback),
      values: { name: a.first_name, ref: a.application_ref, year: String(a.licence_year), billRef: a.bill_ref, amount: formatKes(a.amount_paid_cents) },
      at: now,
    });
    queued ||= r.smsId !== null;
  }
  if (queued) ctx.afterCommit(() => ctx.desk.notifySmsQueued());
}
