import { afterEach, describe, expect, it } from 'vitest';
import { checkPassword } from '../../src/main/auth/passwords.js';
import { verifyAuditChain } from '../../src/main/core/audit.js';
import { DEMO_BASE_TIME } from '../../src/main/demo/applications.js';
import { describeDemo, runDemo } from '../../src/main/demo/index.js';
import { openDesk, type Desk } from '../../src/main/desk.js';
import { isKenyanMobile } from '../../src/shared/phone.js';
import { parseNairobiDateTime } from '../../src/shared/time.js';
import { count, tempDir } from './support/tempDesk.js';

const NOW = new Date('2026-11-20T06:00:00Z');
const desks: Desk[] = [];
afterEach(async () => {
  for (const d of desks.splice(0)) await d.close();
});
function freshDesk(): Desk {
  const desk = openDesk(tempDir('kmlttb-demo-'), { clock: () => NOW });
  desks.push(desk);
  return desk;
}
/** The demo's data without its random ids (nor the bill references made from them): what a person would see. */
function contentOf(desk: Desk) {
  const all = (sql: string) => desk.sqlite.prepare(sql).all();
  return {
    applications: all(
      `SELECT a.application_ref, a.state, a.revision, a.submitted_at, a.licence_year, a.cpd_points, a.flags, a.decision_reason,
              p.national_id, p.first_name, p.last_name, p.phone, c.code AS centre,
              i.amount_due_cents, i.amount_paid_cents, i.access_fee_cents, i.refund_due_cents, i.state AS invoice_state
       FROM applications a JOIN practitioners p ON p.id = a.practitioner_id
       LEFT JOIN centres c ON c.id = a.centre_id LEFT JOIN invoices i ON i.application_id = a.id
       ORDER BY a.application_ref`,
    ),
    // A note may quote bill references, which are made from random application ids.
    payments: (
      all(
        `SELECT p.transaction_id, p.source, p.amount_cents, p.paid_at, p.channel, p.payer_phone, p.payer_name, p.state, p.match_rule, p.note,
              a.application_ref, (SELECT group_concat(key) FROM (SELECT key FROM payment_keys k WHERE k.payment_id = p.id ORDER BY key)) AS keys
       FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id LEFT JOIN applications a ON a.id = i.application_id
       ORDER BY p.transaction_id`,
      ) as { note: string | null }[]
    ).map((p) => ({ ...p, note: p.note?.replace(/\bLB[0-9A-Z]{8}\b/g, 'LB…') })),
    sms: all(
      `SELECT a.application_ref, m.event, m.phone, m.state, m.failure_reason, m.attempts, m.cost, m.gateway_message_id IS NOT NULL AS has_gateway_id
       FROM sms_messages m JOIN applications a ON a.id = m.application_id ORDER BY a.application_ref, m.event`,
    ),
  };
}

describe('demo data', () => {
  it('makes users, fees, applications, decisions, invoices, payments and SMS in the expected numbers', async () => {
    const desk = freshDesk();
    const summary = await runDemo(desk, { applications: 120, seed: 7 });

    expect(summary.users.created).toEqual(['admin', 'officer', 'auditor', 'clerk.eld', 'clerk.emb', 'clerk.ksm', 'clerk.msa', 'clerk.nkr', 'clerk.nrb']);
    expect(summary.import).toMatchObject({ rowsRead: 120, imported: 120, resubmitted: 0, unchanged: 0 });
    expect(summary.decisions).toMatchObject({ approved: 42, rejected: 12, returned: 12, latest: 10 });
    expect(summary.applications.total).toBe(120);
    expect(summary.applications.byState).toEqual({ approved: 16, licensed: 17, paid: 9, rejected: 12, returned: 12, submitted: 54 });
    expect(summary.practitioners).toBeLessThan(120);
    expect(summary.applications.flagged).toBeGreaterThan(0);

    expect(summary.invoices).toEqual({ total: 42, byState: { overpaid: 1, paid: 25, partially_paid: 1, unpaid: 15 } });
    expect(summary.payments.files).toEqual([
      { fileName: 'demo-seed-7-ecitizen-notifications.csv', rowsRead: 11, added: 9, alreadyKnown: 0, notCounted: 2 },
      { fileName: 'demo-seed-7-mpesa-statement.csv', rowsRead: 30, added: 24, alreadyKnown: 1, notCounted: 5 },
    ]);
    expect(summary.payments.total).toBe(33);
    expect(summary.payments.byState).toEqual({ ignored: 1, matched: 29, refund_due: 1, unmatched: 2 });
    expect(summary.payments.byRule).toEqual({ check_character: 1, exact_reference: 26, manual: 1, national_id: 1 });
    expect(summary.payments.byHand).toEqual({ matched: 1, notOurs: 1, refundDue: 1 });
    expect(summary.sms.byState).toEqual({ delivered: 68, failed: 2, queued: 9, sent: 11 });
    expect(summary.sms.sending).toEqual({ skipped: null, sent: 80, refused: 1, reports: { delivered: 68, failed: 1, awaited: 11 } });
    expect(summary.licences).toEqual({
      issued: 17,
      batches: 2,
      batchesReceived: 1,
      collected: 4,
      byProxy: 1,
      revoked: 1,
      byState: { at_centre: 3, collected: 4, dispatched: 3, issued: 6, revoked: 1 },
    });

    expect(count(desk, 'invoices')).toBe(42);
    expect(count(desk, 'fees', 'placeholder = 1')).toBe(count(desk, 'fees'));
    expect(count(desk, 'fees', "cadre = 'technologist' AND amount_cents = 300000")).toBeGreaterThan(0);
    // Decisions are the officer's, and every flagged approval says why.
    expect(count(desk, 'applications', "state <> 'submitted' AND decided_by <> (SELECT id FROM users WHERE username = 'officer')")).toBe(0);
    expect(
      count(desk, 'application_history', "action = 'approve' AND reason IS NULL AND application_id IN (SELECT id FROM applications WHERE flag_count > 0)"),
    ).toBe(0);
    expect(count(desk, 'practitioners', 'phone IS NULL')).toBeGreaterThan(0);
    // Every number is in a real mobile range: no SMS of the demo goes to a number that cannot get it.
    const phones = desk.sqlite
      .prepare('SELECT phone FROM practitioners WHERE phone IS NOT NULL UNION SELECT phone FROM sms_messages')
      .pluck()
      .all() as string[];
    expect(phones.filter((p) => !isKenyanMobile(p))).toEqual([]);
    expect(count(desk, 'applications', "flags LIKE '%phone_not_mobile%'")).toBe(0);
    // The settings were not touched: no gateway was configured, and no request left.
    expect(count(desk, 'settings', "key LIKE 'sms.%'")).toBe(0);
    expect(count(desk, 'sms_attempts')).toBe(81);
    expect(count(desk, 'sms_attempts', "outcome = 'failed' AND status_code = 406")).toBe(1);
    expect(verifyAuditChain(desk.sqlite).ok).toBe(true);

    const text = describeDemo(summary);
    expect(text).toContain('applications: 120 (approved 16, licensed 17, paid 9, rejected 12, returned 12, submitted 54)');
    expect(text).toContain(
      'licences: 17 (at centre 3, collected 4, dispatched 3, issued 6, revoked 1); 2 batches dispatched, 1 received; 4 collected (1 by proxy), 1 revoked',
    );
    expect(text).toContain('invoices: 42 (overpaid 1, paid 25, partially paid 1, unpaid 15)');
    expect(text).toContain(
      'payments: 33 (ignored 1, matched 29, refund due 1, unmatched 2); matched by check character 1, exact reference 26, manual 1, national id 1',
    );
    expect(text).toContain('SMS: 90 (delivered 68, failed 2, queued 9, sent 11)');
    expect(text).toContain('users: admin, officer, auditor, clerk.eld');

    const hash = desk.sqlite.prepare("SELECT password_hash FROM users WHERE username = 'clerk.nrb'").get() as { password_hash: string };
    expect((await checkPassword('demo-password', hash.password_hash)).ok).toBe(true);
  });

  it('covers each reconciliation case the way the rules and the officer settle it', async () => {
    const desk = freshDesk();
    const summary = await runDemo(desk, { applications: 120, seed: 7 });
    const c = summary.payments.cases;
    const invoiceOf = (ref: string | undefined) =>
      desk.sqlite
        .prepare(
          `SELECT i.state, i.amount_due_cents AS due, i.amount_paid_cents AS paid, i.access_fee_cents AS fee, i.refund_due_cents AS refund,
              (SELECT group_concat(p.match_rule, ' ') FROM (SELECT match_rule FROM payments p WHERE p.invoice_id = i.id AND p.state = 'matched' ORDER BY paid_at) p) AS rules
       FROM invoices i JOIN applications a ON a.id = i.application_id WHERE a.application_ref = ?`,
        )
        .get(ref) as { state: string; due: number; paid: number; fee: number; refund: number; rules: string | null };

    expect(invoiceOf(c.exact_reference)).toMatchObject({ state: 'paid', rules: 'exact_reference', fee: 0 });
    const accessFee = invoiceOf(c.ecitizen_access_fee);
    expect(accessFee).toMatchObject({ state: 'paid', rules: 'exact_reference' });
    expect(accessFee.fee).toBeGreaterThanOrEqual(500);
    expect(accessFee.fee).toBeLessThanOrEqual(5_000);
    expect(invoiceOf(c.both_sources)).toMatchObject({ state: 'paid', rules: 'exact_reference' });
    expect(invoiceOf(c.one_typo)).toMatchObject({ state: 'paid', rules: 'check_character' });
    expect(invoiceOf(c.two_typos_by_hand)).toMatchObject({ state: 'paid', rules: 'manual' });
    expect(invoiceOf(c.lower_case_spaced)).toMatchObject({ state: 'paid', rules: 'exact_reference' });
    expect(invoiceOf(c.partial_topped_up)).toMatchObject({ state: 'paid', rules: 'exact_reference exact_reference' });
    expect(invoiceOf(c.partial)).toMatchObject({ state: 'partially_paid', rules: 'exact_reference' });
    const over = invoiceOf(c.overpaid);
    expect(over).toMatchObject({ state: 'overpaid', rules: 'exact_reference exact_reference' });
    expect(over.refund).toBe(over.due);
    expect(invoiceOf(c.failed_then_paid)).toMatchObject({ state: 'paid', rules: 'exact_reference' });
    expect(invoiceOf(c.national_id)).toMatchObject({ state: 'paid', rules: 'national_id' });
    expect(invoiceOf(c.two_typos_left)).toMatchObject({ state: 'unpaid', rules: null });
    expect(invoiceOf(c.board_name_left)).toMatchObject({ state: 'unpaid', rules: null });

    // The payment in both files is stored once, known by both its keys.
    expect(count(desk, 'payment_keys')).toBe(count(desk, 'payments') + 1);
    // Left for a person, marked not ours, and to be refunded (it names a rejected application).
    const byState = (state: string) =>
      desk.sqlite.prepare('SELECT reference_typed, note FROM payments WHERE state = ? ORDER BY reference_typed').all(state) as {
        reference_typed: string;
        note: string | null;
      }[];
    expect(byState('unmatched').map((p) => p.reference_typed)).toContain('KMLTTB');
    expect(byState('ignored')[0]!.note).toMatch(/^Not a licence payment/);
    const refund = byState('refund_due')[0]!;
    expect(desk.sqlite.prepare('SELECT state FROM applications WHERE application_ref = upper(?)').pluck().get(refund.reference_typed)).toBe('rejected');

    // Every invoice's amount paid is the sum of its matched payments; the states follow.
    expect(
      count(
        desk,
        'invoices i',
        `amount_paid_cents <> coalesce((SELECT sum(amount_cents) FROM payments p WHERE p.invoice_id = i.id AND p.state = 'matched'), 0)`,
      ),
    ).toBe(0);
    expect(count(desk, 'payments', "state = 'matched' AND invoice_id IS NULL")).toBe(0);
    expect(count(desk, 'payments', "state <> 'matched' AND invoice_id IS NOT NULL")).toBe(0);
    expect(
      count(
        desk,
        'applications a',
        "state = 'paid' AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.application_id = a.id AND i.state IN ('paid', 'overpaid'))",
      ),
    ).toBe(0);
    expect(
      count(
        desk,
        'invoices i',
        "state IN ('paid', 'overpaid') AND (SELECT state FROM applications a WHERE a.id = i.application_id) NOT IN ('paid', 'licensed')",
      ),
    ).toBe(0);

    // Paid after the application was made, and never after the demo's fixed now.
    expect(count(desk, 'payments', 'paid_at > ?', parseNairobiDateTime(DEMO_BASE_TIME))).toBe(0);
    expect(
      count(desk, 'payments p', `paid_at <= (SELECT a.submitted_at FROM invoices i JOIN applications a ON a.id = i.application_id WHERE i.id = p.invoice_id)`),
    ).toBe(0);
  });

  it('leaves queued exactly the SMS of the latest decisions; the others were sent, most delivered', async () => {
    const desk = freshDesk();
    const summary = await runDemo(desk, { applications: 120, seed: 7 });
    const latest = desk.sqlite
      .prepare(`SELECT application_id FROM application_history WHERE action IN ('approve', 'reject', 'return') ORDER BY id DESC LIMIT ?`)
      .pluck()
      .all(summary.decisions.latest) as string[];
    const queued = desk.sqlite.prepare(`SELECT application_id, event FROM sms_messages WHERE state = 'queued'`).all() as {
      application_id: string;
      event: string;
    }[];
    const latestWithSms = desk.sqlite
      .prepare(`SELECT DISTINCT application_id FROM sms_messages WHERE application_id IN (SELECT value FROM json_each(?))`)
      .pluck()
      .all(JSON.stringify(latest)) as string[];
    expect(queued.map((m) => m.application_id).sort()).toEqual([...latestWithSms].sort());
    expect(queued.length).toBe(summary.sms.queued);
    expect(queued.every((m) => ['approved', 'rejected', 'returned'].includes(m.event))).toBe(true);
    expect(latestWithSms.length).toBeGreaterThan(0);
    // The rest went out through the stand-in gateway: paid SMS too, none left in between.
    expect(count(desk, 'sms_messages', "state NOT IN ('queued', 'sent', 'delivered', 'failed')")).toBe(0);
    expect(count(desk, 'sms_messages', "event = 'paid' AND state = 'queued'")).toBe(0);
    expect(count(desk, 'sms_messages', "state = 'failed' AND failure_reason = 'UserInBlacklist (406)'")).toBe(1);
    expect(count(desk, 'sms_messages', "state = 'failed' AND failure_reason = 'Not delivered: Failed (DeliveryFailure)'")).toBe(1);
    expect(count(desk, 'sms_messages', "state = 'delivered' AND delivered_at IS NOT NULL AND cost LIKE 'KES %' AND gateway_message_id LIKE 'ATXid_%'")).toBe(
      68,
    );
  });

  it('gives the same data, states and reasons for the same seed', async () => {
    const a = freshDesk();
    const b = freshDesk();
    await runDemo(a, { applications: 60, seed: 3 });
    await runDemo(b, { applications: 60, seed: 3 });
    const content = contentOf(a);
    expect(content.applications).toHaveLength(60);
    expect(content.payments.length).toBeGreaterThan(10);
    expect(content.sms.length).toBeGreaterThan(20);
    expect(content).toEqual(contentOf(b));
  });

  it('at the size the end-to-end tests use, has applications in every state and invoices unpaid, part paid and paid', async () => {
    const desk = freshDesk();
    const summary = await runDemo(desk, { applications: 60, seed: 7 });
    const { approved = 0, paid = 0, licensed = 0, rejected = 0, returned = 0, submitted = 0 } = summary.applications.byState;
    for (const n of [approved, paid, licensed, rejected, returned, submitted]) expect(n).toBeGreaterThanOrEqual(5);
    expect(summary.invoices.byState).toMatchObject({ unpaid: expect.any(Number), partially_paid: 1, paid: expect.any(Number), overpaid: 1 });
    expect(summary.payments.byState).toMatchObject({ unmatched: 2, ignored: 1, refund_due: 1 });
    expect(summary.sms.queued).toBeGreaterThan(0);
  });

  it('can run twice on one desk without doubling anything', async () => {
    const desk = freshDesk();
    await runDemo(desk, { applications: 40, seed: 5 });
    const before = contentOf(desk);
    const again = await runDemo(desk, { applications: 40, seed: 5 });
    expect(again.users.created).toEqual([]);
    expect(again.import).toMatchObject({ imported: 0, unchanged: 40 });
    expect(again.decisions).toMatchObject({ approved: 0, rejected: 0, returned: 0 });
    expect(again.payments.files.map((f) => f.added)).toEqual([0, 0]);
    expect(again.payments.byHand).toEqual({ matched: 0, notOurs: 0, refundDue: 0 });
    expect(again.sms.sending.skipped).toMatch(/^the latest decisions' \d+ messages were queued already/);
    expect(contentOf(desk)).toEqual(before);
  });
});
