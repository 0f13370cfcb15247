import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Desk } from '../../src/main/desk.js';
import { makeDesk, seedApplication, type TestDesk } from './support/tempDesk.js';
import { testClock } from './support/testClock.js';
import { mpesaBase64 } from './support/statements.js';

/**
 * One statement with every case issue 4 names, built around invoices the test raises itself by
 * `reconciled()`, which points these at a new desk holding it. Tests that only read share one such
 * desk (made in their describe's beforeAll); a test that changes anything gets its own (beforeEach).
 */
let t: TestDesk;
let desk: Desk;
let bill: Record<string, string>;
let app: Record<string, string>;
let rejectedRef: string;
const opened: TestDesk[] = [];

afterAll(async () => {
  for (const made of opened.splice(0)) await made.desk.close();
});

async function approved(key: string, seed: Parameters<typeof seedApplication>[1] = {}) {
  app[key] = seedApplication(t.desk, seed);
  const r = await t.desk.dispatch('application.approve', { applicationId: app[key]! }, t.actors.officer);
  if (!r.ok) throw new Error(r.error.message);
  bill[key] = r.value.billRef!;
}

function typo(ref: string, positions: number[]): string {
  const chars = [...ref];
  for (const i of positions) chars[i] = chars[i] === 'X' ? 'Y' : 'X';
  return chars.join('');
}

const mpesa = mpesaBase64;

const ecitizen = (rows: string[]) =>
  Buffer.from(
    ['invoice_number,client_invoice_ref,amount_paid,invoice_amount,currency,payment_date,payment_channel,phone_number,status', ...rows].join('\n'),
  ).toString('base64');

async function importFile(fileName: string, dataBase64: string, dryRun = false) {
  const r = await desk.dispatch('payments.import', { fileName, dataBase64, dryRun }, t.actors.officer);
  if (!r.ok) throw new Error(`${r.error.message} ${JSON.stringify(r.error.issues)}`);
  return r.value;
}

const invoice = (key: string) =>
  desk.sqlite
    .prepare('SELECT state, amount_paid_cents AS paid, access_fee_cents AS fee, refund_due_cents AS refund FROM invoices WHERE application_id = ?')
    .get(app[key]) as { state: string; paid: number; fee: number; refund: number };
const payment = (txn: string) =>
  desk.sqlite
    .prepare(
      `SELECT p.state, p.match_rule AS rule, i.bill_ref AS billRef FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id
   WHERE p.id = (SELECT payment_id FROM payment_keys WHERE key = ?)`,
    )
    .get(txn) as { state: string; rule: string | null; billRef: string | null } | undefined;
const appState = (key: string) => (desk.sqlite.prepare('SELECT state FROM applications WHERE id = ?').get(app[key]) as { state: string }).state;

async function reconciled(): Promise<void> {
  t = await makeDesk();
  opened.push(t);
  desk = t.desk;
  bill = {};
  app = {};
  // Fees: technologist KES 3,000.00.
  for (const key of ['exact', 'spaced', 'typo1', 'typo2', 'short', 'topup', 'over', 'fee', 'twin', 'byId']) {
    await approved(key, key === 'byId' ? { nationalId: '28765432' } : {});
  }
  const rejected = seedApplication(t.desk, { ref: 'APP-2026-777777' });
  await t.desk.dispatch('application.reject', { applicationId: rejected, reason: 'Not on the register' }, t.actors.officer);
  rejectedRef = 'APP-2026-777777';

  const spaced = bill
    .spaced!.toLowerCase()
    .replace(/(.{3})/g, '$1 ')
    .trim();
  expect(
    await importFile(
      'ecitizen.csv',
      ecitizen([
        `ECZ-1001,${bill.twin},3000.00,3000.00,KES,2026-11-20 09:15:00+03:00,M-PESA,254712000010,settled`,
        `ECZ-1002,${bill.exact},"3,000.00",3000,KES,2026-11-20 09:20:00+03:00,M-PESA,254712000011,pending`,
      ]),
    ),
  ).toMatchObject({ added: 1, notCounted: [expect.objectContaining({ line: 3 })] });

  const report = await importFile(
    'mpesa.csv',
    mpesa([
      `QK1,2026-11-21 10:00:00,Pay Bill from 254712000001 - WANJIRU KAMAU Acc. ${bill.exact},Completed,3000.00,,254712000001 - WANJIRU KAMAU,${bill.exact}`,
      `QK2,2026-11-21 10:05:00,Pay Bill,Completed,"3,000.00",,254712000002 - BRIAN OTIENO,${spaced}`,
      `QK3,2026-11-21 10:10:00,Pay Bill,Completed,3000.00,,254712000003 - JANE,${typo(bill.typo1!, [3])}`,
      `QK4,2026-11-21 10:15:00,Pay Bill,Completed,3000.00,,254712000004 - JOHN,${typo(bill.typo2!, [3, 5])}`,
      `QK5,2026-11-21 10:20:00,Pay Bill,Completed,2000.00,,254712000005 - MARY,${bill.short}`,
      `QK6,2026-11-21 10:25:00,Pay Bill,Completed,1000.00,,254712000006 - PETER,${bill.topup}`,
      `QK7,2026-11-22 08:00:00,Pay Bill,Completed,2050.00,,254712000006 - PETER,${bill.topup}`,
      `QK8,2026-11-22 08:05:00,Pay Bill,Completed,4000.00,,254712000008 - GRACE,${bill.over}`,
      `QK9,2026-11-22 08:10:00,Pay Bill,Completed,3030.00,,2547******09 - FAITH,${bill.fee}`,
      `QL1,2026-11-22 08:15:00,Pay Bill,Completed,3000.00,,254712000010 - TWIN,ECZ-1001`,
      `QL2,2026-11-22 08:20:00,Pay Bill,Failed,3000.00,,254712000012 - FAILED,${bill.exact}`,
      `QL3,2026-11-22 08:25:00,Pay Bill,Reversed,3000.00,,254712000013 - REVERSED,${bill.exact}`,
      `QL4,2026-11-22 08:30:00,Business Charge,Completed,,45.00,,`,
      `QL5,2026-11-22 08:35:00,Pay Bill,Completed,3000.00,,254712000014 - MOSES,${rejectedRef}`,
      `QL6,2026-11-22 08:40:00,Pay Bill,Completed,3000.00,,254712000015 - NOBODY,ZZZ999`,
      `QL7,2026-11-22 08:45:00,Pay Bill,Completed,3000.00,,254712000016 - OCHIENG,28765432`,
    ]),
  );
  expect(report).toMatchObject({ rowsRead: 16, added: 12, alreadyKnown: 1, matched: { exact_reference: 7, check_character: 1, national_id: 1 }, unmatched: 3 });
  expect(report.notCounted.map((n) => n.line).sort()).toEqual([15, 16, 17]);
}

describe('reconciling a statement with every case', () => {
  beforeAll(reconciled);

  it('matches the exact reference, and the reference typed in lower case with spaces', () => {
    expect(payment('QK1')).toEqual({ state: 'matched', rule: 'exact_reference', billRef: bill.exact });
    expect(payment('QK2')).toEqual({ state: 'matched', rule: 'exact_reference', billRef: bill.spaced });
    expect([appState('exact'), appState('spaced')]).toEqual(['paid', 'paid']);
  });

  it('catches one mistyped character by the check character, but leaves two for a person', () => {
    expect(payment('QK3')).toEqual({ state: 'matched', rule: 'check_character', billRef: bill.typo1 });
    expect(payment('QK4')).toMatchObject({ state: 'unmatched', billRef: null });
    expect(appState('typo2')).toBe('approved');
  });

  it('settles short, topped-up, over- and access-fee payments by what was paid', () => {
    expect(invoice('short')).toEqual({ state: 'partially_paid', paid: 200_000, fee: 0, refund: 0 });
    expect(appState('short')).toBe('approved');
    expect(invoice('topup')).toEqual({ state: 'paid', paid: 305_000, fee: 5_000, refund: 0 });
    expect(invoice('over')).toEqual({ state: 'overpaid', paid: 400_000, fee: 0, refund: 100_000 });
    expect(invoice('fee')).toEqual({ state: 'paid', paid: 303_000, fee: 3_000, refund: 0 });
    expect([appState('topup'), appState('over'), appState('fee')]).toEqual(['paid', 'paid', 'paid']);
  });

  it('stores a payment seen in two files and two formats once', () => {
    expect(payment('ECZ-1001')).toEqual({ state: 'matched', rule: 'exact_reference', billRef: bill.twin });
    expect(payment('QL1')).toEqual(payment('ECZ-1001'));
    expect(invoice('twin')).toMatchObject({ state: 'paid', paid: 300_000 });
  });

  it("matches the national ID typed as the reference against that person's only open invoice", () => {
    expect(payment('QL7')).toEqual({ state: 'matched', rule: 'national_id', billRef: bill.byId });
  });

  it('leaves a payment for a rejected application and an unknown reference unmatched, and explains the first', async () => {
    expect(payment('QL5')).toMatchObject({ state: 'unmatched' });
    expect(payment('QL6')).toMatchObject({ state: 'unmatched' });
    const id = desk.sqlite.prepare("SELECT payment_id FROM payment_keys WHERE key = 'QL5'").pluck().get() as string;
    const detail = await desk.query('payment.detail', { id }, t.actors.officer);
    expect(detail.ok && detail.value.notes).toEqual([`The reference typed is application ${rejectedRef}, which is rejected: it has no invoice to pay.`]);
  });

  it('queues one "paid" SMS for each application that became paid', () => {
    const paidSms = desk.sqlite.prepare("SELECT count(*) FROM sms_messages WHERE event = 'paid'").pluck().get();
    const paidApps = desk.sqlite.prepare("SELECT count(*) FROM applications WHERE state = 'paid'").pluck().get();
    expect(paidSms).toBe(paidApps);
    expect(paidApps).toBe(8);
  });

  it('gives totals for the period that reconcile to the cent', async () => {
    const r = await desk.query('payments.totals', { from: '2026-11-01', to: '2026-11-30' }, t.actors.auditor);
    if (!r.ok) throw new Error(r.error.message);
    const v = r.value;
    expect(v.receivedCents).toBe(3_000_00 * 8 + 2_000_00 + 1_000_00 + 2_050_00 + 4_000_00 + 3_030_00);
    expect(v.matchedCents + v.unmatchedCents + v.ignoredCents + v.refundDueCents).toBe(v.receivedCents);
    expect(v.unmatchedCents).toBe(9_000_00);
    expect(v.counts).toEqual({ received: 13, matched: 10, unmatched: 3, ignored: 0, refundDue: 0 });
    expect(v.overpaidSurplusCents).toBe(1_000_00);
  });
});

describe('a reversal in a later statement', () => {
  beforeEach(reconciled);

  it('takes the reversed payment off its invoice, and the application goes back to approved', async () => {
    expect(appState('spaced')).toBe('paid');
    const r = await importFile(
      'mpesa-later.csv',
      Buffer.from(
        [
          'Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Other Party Info,Linked Transaction ID,A/C No.',
          'QZ9,2026-11-23 09:00:00,Reversal,Completed,,"-3,000.00",254712000002 - BRIAN OTIENO,QK2,',
        ].join('\n'),
      ).toString('base64'),
    );
    expect(r).toMatchObject({ added: 0, notCounted: [expect.objectContaining({ line: 2, reverses: 'QK2' })] });
    expect(payment('QK2')).toMatchObject({ state: 'ignored', billRef: null });
    expect(invoice('spaced')).toMatchObject({ state: 'unpaid', paid: 0 });
    expect(appState('spaced')).toBe('approved');
  });
});

describe('suggestions for a payment left unmatched', () => {
  beforeEach(reconciled);

  it('ranks suggestions for an unmatched payment, each with its reasons', async () => {
    // QK4 typed typo2's bill reference with two characters wrong, and its payer gave the name JOHN.
    // Two more open invoices are Johns', raised before the payment: a technologist's, whose fee is
    // the amount paid, and a technician's, whose fee is not.
    t.clock.set('2026-11-20T06:00:00.000Z');
    await approved('johnFits', { firstName: 'John', lastName: 'Kariuki' });
    await approved('johnShort', { firstName: 'John', lastName: 'Barasa', cadre: 'technician' });
    const invoiceOf = (key: string) => desk.sqlite.prepare('SELECT id FROM invoices WHERE application_id = ?').pluck().get(app[key]) as string;
    const id = desk.sqlite.prepare("SELECT payment_id FROM payment_keys WHERE key = 'QK4'").pluck().get() as string;
    const detail = await desk.query('payment.detail', { id }, t.actors.officer);
    if (!detail.ok) throw new Error(detail.error.message);
    const s = detail.value.suggestions;
    expect(s.map((x) => x.invoiceId)).toEqual([invoiceOf('typo2'), invoiceOf('johnFits'), invoiceOf('johnShort')]);
    expect(s[0]!.why).toEqual([
      `The reference typed, ${typo(bill.typo2!, [3, 5])}, is 2 characters from ${bill.typo2}`,
      'The amount KES 3,000.00 is exactly the balance',
      // typo2's invoice was raised when the desk's clock started, before or after the payment.
      expect.stringMatching(/^Paid (before|after) the invoice was raised \(/),
    ]);
    const paidAfter = expect.stringMatching(/^Paid after the invoice was raised \(/);
    expect(s[1]!.why).toEqual(["The payer's name, JOHN, is close to John Kariuki", 'The amount KES 3,000.00 is exactly the balance', paidAfter]);
    expect(s[2]!.why).toEqual(["The payer's name, JOHN, is close to John Barasa", paidAfter]);
    expect(s[0]!.score).toBeGreaterThan(s[1]!.score);
    expect(s[1]!.score).toBeGreaterThan(s[2]!.score);
    // Only the reference identifies anyone, and the next is far behind: a strong lead.
    expect(s.map((x) => x.strong)).toEqual([true, false, false]);
  });
});

describe('the same statement again', () => {
  beforeEach(reconciled);

  it('changes nothing when the same statement is imported again', async () => {
    const before = desk.sqlite.prepare('SELECT count(*) FROM payments').pluck().get();
    const again = await importFile('mpesa.csv', mpesa([`QK1,2026-11-21 10:00:00,Pay Bill,Completed,3000.00,,254712000001 - WANJIRU KAMAU,${bill.exact}`]));
    expect(again).toMatchObject({ added: 0, alreadyKnown: 1 });
    expect(desk.sqlite.prepare('SELECT count(*) FROM payments').pluck().get()).toBe(before);
  });
});

describe('manual reconciliation', () => {
  beforeEach(reconciled);

  it('an officer matches an unmatched payment by hand with a reason, and the application becomes paid; unmatch reverses it', async () => {
    const id = desk.sqlite.prepare("SELECT payment_id FROM payment_keys WHERE key = 'QK4'").pluck().get() as string;
    const invoiceId = desk.sqlite.prepare('SELECT id FROM invoices WHERE application_id = ?').pluck().get(app.typo2) as string;
    const noReason = await desk.dispatch('payment.match', { paymentId: id, invoiceId, reason: '' }, t.actors.officer);
    expect(!noReason.ok && noReason.error.field).toBe('reason');
    const byAuditor = await desk.dispatch('payment.match', { paymentId: id, invoiceId, reason: 'Payer called' }, t.actors.auditor);
    expect(!byAuditor.ok && byAuditor.error.code).toBe('forbidden');

    const r = await desk.dispatch('payment.match', { paymentId: id, invoiceId, reason: 'Payer called: two digits swapped' }, t.actors.officer);
    expect(r.ok && r.value).toMatchObject({ state: 'matched', matchRule: 'manual', billRef: bill.typo2 });
    expect(appState('typo2')).toBe('paid');

    const u = await desk.dispatch('payment.unmatch', { paymentId: id, reason: 'Matched to the wrong person' }, t.actors.officer);
    expect(u.ok && u.value.state).toBe('unmatched');
    expect(appState('typo2')).toBe('approved');
    expect(invoice('typo2')).toMatchObject({ state: 'unpaid', paid: 0 });
    const audit = desk.sqlite.prepare('SELECT action FROM audit_events WHERE entity_id = ? ORDER BY seq').pluck().all(id);
    expect(audit).toEqual(['payment.match', 'payment.unmatch']);
  });

  it('marks a payment as not ours, or as a refund due and then made', async () => {
    const unknown = desk.sqlite.prepare("SELECT payment_id FROM payment_keys WHERE key = 'QL6'").pluck().get() as string;
    const ignored = await desk.dispatch('payment.ignore', { paymentId: unknown, reason: 'Paid to the wrong paybill' }, t.actors.officer);
    expect(ignored.ok && ignored.value.state).toBe('ignored');
    const forRejected = desk.sqlite.prepare("SELECT payment_id FROM payment_keys WHERE key = 'QL5'").pluck().get() as string;
    expect((await desk.dispatch('payment.flagRefund', { paymentId: forRejected, reason: 'Application rejected' }, t.actors.officer)).ok).toBe(true);
    expect((await desk.dispatch('payment.refundMade', { paymentId: forRejected, reason: 'M-Pesa reversal R123' }, t.actors.officer)).ok).toBe(true);
    const again = await desk.dispatch('payment.refundMade', { paymentId: forRejected, reason: 'twice' }, t.actors.officer);
    expect(!again.ok && again.error.code).toBe('invalid_transition');
  });

  it('records the surplus of an overpaid invoice as refunded once', async () => {
    const invoiceId = desk.sqlite.prepare('SELECT id FROM invoices WHERE application_id = ?').pluck().get(app.over) as string;
    const r = await desk.dispatch('invoice.refundMade', { invoiceId, reason: 'Refunded KES 1,000 by M-Pesa' }, t.actors.officer);
    expect(r.ok && r.value.refundedAt).toBeTruthy();
    const again = await desk.dispatch('invoice.refundMade', { invoiceId, reason: 'again' }, t.actors.officer);
    expect(!again.ok && again.error.code).toBe('invalid_transition');
  });
});

describe('the over-payment in the period totals', () => {
  it('falls in the period of the payments that paid over the amount due, so it is never more than Matched', async () => {
    // Matched on 25 November, from payments made in October and November.
    const own = await makeDesk({ clock: testClock('2026-11-25T09:00:00Z') });
    opened.push(own);
    const billOf = async (nationalId: string) => {
      const r = await own.desk.dispatch('application.approve', { applicationId: seedApplication(own.desk, { nationalId }) }, own.actors.officer);
      if (!r.ok) throw new Error(r.error.message);
      return r.value.billRef!;
    };
    const october = await billOf('30111222');
    const split = await billOf('30111223');
    const r = await own.desk.dispatch(
      'payments.import',
      {
        fileName: 'two-months.csv',
        dataBase64: mpesa([
          `QM1,2026-10-15 10:00:00,Pay Bill,Completed,4000.00,,254712000021 - ONE,${october}`,
          `QM2,2026-10-20 10:00:00,Pay Bill,Completed,2000.00,,254712000022 - TWO,${split}`,
          `QM3,2026-11-20 10:00:00,Pay Bill,Completed,2000.00,,254712000022 - TWO,${split}`,
        ]),
        dryRun: false,
      },
      own.actors.officer,
    );
    expect(r.ok && r.value).toMatchObject({ added: 3 });
    const totals = async (from: string, to: string) => {
      const q = await own.desk.query('payments.totals', { from, to }, own.actors.auditor);
      if (!q.ok) throw new Error(q.error.message);
      return q.value;
    };

    // Fees: KES 3,000.00. October: 4,000 (1,000 over) and 2,000 (not over yet). November: 2,000, of which 1,000 over.
    const oct = await totals('2026-10-01', '2026-10-31');
    expect(oct).toMatchObject({ matchedCents: 6_000_00, overpaidSurplusCents: 1_000_00 });
    const nov = await totals('2026-11-01', '2026-11-30');
    expect(nov).toMatchObject({ matchedCents: 2_000_00, overpaidSurplusCents: 1_000_00 });
    const dec = await totals('2026-12-01', '2026-12-31');
    expect(dec).toMatchObject({ matchedCents: 0, overpaidSurplusCents: 0 });

    // Refunded surplus is no longer waiting.
    const invoiceId = own.desk.sqlite.prepare('SELECT id FROM invoices WHERE bill_ref = ?').pluck().get(october) as string;
    expect((await own.desk.dispatch('invoice.refundMade', { invoiceId, reason: 'Refunded KES 1,000 by M-Pesa' }, own.actors.officer)).ok).toBe(true);
    expect(await totals('2026-10-01', '2026-10-31')).toMatchObject({ matchedCents: 6_000_00, overpaidSurplusCents: 0 });
  });
});
