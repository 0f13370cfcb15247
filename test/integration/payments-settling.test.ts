import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDesk, seedApplication, type TestDesk } from './support/tempDesk.js';
import { mpesaBase64 } from './support/statements.js';

/**
 * The edges of auto-match and settling (DOMAIN.md "Payments"), each test on a desk of its own:
 * the access-fee tolerance at its limit and a cent over, the tolerance changed, the amount a
 * corrected reference or a national ID must fit, and an invoice a payment has already closed.
 * Fees (tempDesk.ts): technologist KES 3,000.00, technician KES 2,000.00.
 */
let t: TestDesk;

beforeEach(async () => {
  t = await makeDesk();
});

afterEach(async () => {
  await t.desk.close();
});

interface Approved {
  applicationId: string;
  billRef: string;
}

async function approved(seed: Parameters<typeof seedApplication>[1] = {}, reason?: string): Promise<Approved> {
  const applicationId = seedApplication(t.desk, seed);
  const r = await t.desk.dispatch('application.approve', { applicationId, reason }, t.actors.officer);
  if (!r.ok) throw new Error(r.error.message);
  return { applicationId, billRef: r.value.billRef! };
}

/** An M-Pesa statement: each row is [receipt, amount in KES, reference typed]. */
async function importStatement(rows: [string, string, string][], dryRun = false) {
  const lines = rows.map(
    ([receipt, amount, ref], i) => `${receipt},2026-11-21 10:${String(10 + i).padStart(2, '0')}:00,Pay Bill,Completed,${amount},,254712000001 - PAYER,${ref}`,
  );
  const dataBase64 = mpesaBase64(lines);
  const r = await t.desk.dispatch('payments.import', { fileName: 'statement.csv', dataBase64, dryRun }, t.actors.officer);
  if (!r.ok) throw new Error(`${r.error.message} ${JSON.stringify(r.error.issues)}`);
  return r.value;
}

const invoice = (a: Approved) =>
  t.desk.sqlite
    .prepare(
      `SELECT state, amount_paid_cents AS paid, access_fee_cents AS fee, refund_due_cents AS refund, paid_at IS NOT NULL AS hasPaidAt
       FROM invoices WHERE application_id = ?`,
    )
    .get(a.applicationId) as { state: string; paid: number; fee: number; refund: number; hasPaidAt: number };
const applicationState = (a: Approved) => t.desk.sqlite.prepare('SELECT state FROM applications WHERE id = ?').pluck().get(a.applicationId);
const payment = (receipt: string) =>
  t.desk.sqlite
    .prepare(
      `SELECT p.id, p.state, p.match_rule AS rule, i.bill_ref AS billRef FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id
       WHERE p.id = (SELECT payment_id FROM payment_keys WHERE key = ?)`,
    )
    .get(receipt) as { id: string; state: string; rule: string | null; billRef: string | null };
const paidSms = (a: Approved) =>
  t.desk.sqlite.prepare("SELECT body FROM sms_messages WHERE event = 'paid' AND application_id = ?").pluck().all(a.applicationId) as string[];

/** One character of a bill reference changed (its check character then catches it). */
function typo(ref: string, at: number): string {
  const chars = [...ref];
  chars[at] = chars[at] === 'X' ? 'Y' : 'X';
  return chars.join('');
}

describe('settling by the access-fee tolerance (KES 50 unless changed)', () => {
  it('records up to KES 50 over the fee as the access fee, a cent more as an overpayment, and a cent short as part-paid', async () => {
    const exact = await approved();
    const atLimit = await approved();
    const overLimit = await approved({ firstName: 'Achieng', language: 'sw' });
    const short = await approved();
    const report = await importStatement([
      ['QA1', '3000.00', exact.billRef],
      ['QA2', '3050.00', atLimit.billRef],
      ['QA3', '3050.01', overLimit.billRef],
      ['QA4', '2999.99', short.billRef],
    ]);
    expect(report.matched).toEqual({ exact_reference: 4, check_character: 0, national_id: 0 });

    expect(invoice(exact)).toEqual({ state: 'paid', paid: 300_000, fee: 0, refund: 0, hasPaidAt: 1 });
    expect(invoice(atLimit)).toEqual({ state: 'paid', paid: 305_000, fee: 5_000, refund: 0, hasPaidAt: 1 });
    expect(invoice(overLimit)).toEqual({ state: 'overpaid', paid: 305_001, fee: 0, refund: 5_001, hasPaidAt: 1 });
    expect(invoice(short)).toEqual({ state: 'partially_paid', paid: 299_999, fee: 0, refund: 0, hasPaidAt: 0 });

    expect([exact, atLimit, overLimit, short].map(applicationState)).toEqual(['paid', 'paid', 'paid', 'approved']);
    expect(paidSms(atLimit)).toEqual([`Dear Wanjiru, we have received KES 3,050.00 for bill reference ${atLimit.billRef}. Your 2026 licence will be issued.`]);
    // In the applicant's language, with what was paid, the surplus included.
    expect(paidSms(overLimit)).toEqual([
      `Mpendwa Achieng, tumepokea KES 3,050.01 kwa nambari ya malipo ${overLimit.billRef}. Leseni yako ya mwaka 2026 itatolewa.`,
    ]);
    expect(paidSms(short)).toEqual([]);
  });

  it('follows the tolerance when an administrator changes it', async () => {
    const set = await t.desk.dispatch('setting.set', { key: 'payments.accessFeeToleranceKes', value: '0' }, t.actors.admin);
    expect(set.ok).toBe(true);
    const exact = await approved();
    const aCentOver = await approved();
    await importStatement([
      ['QB1', '3000.00', exact.billRef],
      ['QB2', '3000.01', aCentOver.billRef],
    ]);
    expect(invoice(exact)).toEqual({ state: 'paid', paid: 300_000, fee: 0, refund: 0, hasPaidAt: 1 });
    expect(invoice(aCentOver)).toEqual({ state: 'overpaid', paid: 300_001, fee: 0, refund: 1, hasPaidAt: 1 });
  });

  it('puts an invoice back to unpaid, and its application back to approved, when its only payment is taken off', async () => {
    const a = await approved();
    await importStatement([['QC1', '3000.00', a.billRef]]);
    expect(applicationState(a)).toBe('paid');

    const r = await t.desk.dispatch('payment.unmatch', { paymentId: payment('QC1').id, reason: 'Paid into the wrong account' }, t.actors.officer);
    if (!r.ok) throw new Error(r.error.message);
    expect(invoice(a)).toEqual({ state: 'unpaid', paid: 0, fee: 0, refund: 0, hasPaidAt: 0 });
    expect(applicationState(a)).toBe('approved');
    const history = t.desk.sqlite
      .prepare('SELECT action, from_state AS "from", to_state AS "to" FROM application_history WHERE application_id = ? ORDER BY rowid')
      .all(a.applicationId);
    expect(history.slice(-2)).toEqual([
      { action: 'settle', from: 'approved', to: 'paid' },
      { action: 'unsettle', from: 'paid', to: 'approved' },
    ]);
  });
});

describe('auto-match by a corrected reference or a national ID: only when the amount fits', () => {
  it('matches a one-character typo paying the fee plus at most the tolerance, not a cent over, nor short', async () => {
    const fits = await approved();
    const over = await approved();
    const short = await approved();
    const report = await importStatement([
      ['QD1', '3050.00', typo(fits.billRef, 4)],
      ['QD2', '3050.01', typo(over.billRef, 4)],
      ['QD3', '2999.99', typo(short.billRef, 4)],
    ]);
    expect(report.matched).toEqual({ exact_reference: 0, check_character: 1, national_id: 0 });
    expect(report.unmatched).toBe(2);
    expect(payment('QD1')).toMatchObject({ state: 'matched', rule: 'check_character', billRef: fits.billRef });
    expect(payment('QD2')).toMatchObject({ state: 'unmatched', rule: null });
    expect(payment('QD3')).toMatchObject({ state: 'unmatched', rule: null });
    expect(invoice(fits)).toMatchObject({ state: 'paid', fee: 5_000 });
  });

  it('matches a typo against the balance left after a part-payment', async () => {
    const a = await approved();
    const report = await importStatement([
      ['QE1', '1000.00', a.billRef],
      ['QE2', '2000.00', typo(a.billRef, 6)],
    ]);
    expect(report.matched).toEqual({ exact_reference: 1, check_character: 1, national_id: 0 });
    expect(invoice(a)).toEqual({ state: 'paid', paid: 300_000, fee: 0, refund: 0, hasPaidAt: 1 });
  });

  it('closes an invoice for the payments after the one that paid it: a second typo for it waits for a person', async () => {
    const a = await approved();
    const report = await importStatement([
      ['QF1', '3000.00', typo(a.billRef, 3)],
      ['QF2', '3000.00', typo(a.billRef, 5)],
    ]);
    expect(report.matched).toEqual({ exact_reference: 0, check_character: 1, national_id: 0 });
    expect(payment('QF1')).toMatchObject({ state: 'matched', rule: 'check_character' });
    expect(payment('QF2')).toMatchObject({ state: 'unmatched' });
    expect(invoice(a)).toMatchObject({ state: 'paid', paid: 300_000 });
  });

  it("matches a national ID against the person's only open invoice when the amount fits, and not when they have two", async () => {
    const one = await approved({ nationalId: '31234567' });
    // The same person applied twice (flagged, approved with a reason): two open invoices.
    await approved({ nationalId: '32345678' });
    await approved({ nationalId: '32345678' }, 'Second application approved to test matching');
    const report = await importStatement([
      ['QG1', '3000.00', '31234567'],
      ['QG2', '3000.00', '32345678'],
    ]);
    expect(report.matched).toEqual({ exact_reference: 0, check_character: 0, national_id: 1 });
    expect(payment('QG1')).toMatchObject({ state: 'matched', rule: 'national_id', billRef: one.billRef });
    expect(payment('QG2')).toMatchObject({ state: 'unmatched' });
  });

  it('leaves a national ID of someone with two open invoices even when the amount fits only one', async () => {
    await approved({ nationalId: '35678901' });
    await approved({ nationalId: '35678901', cadre: 'technician' }, 'Second application approved to test matching');
    const report = await importStatement([['QK1', '2000.00', '35678901']]);
    expect(report.matched).toEqual({ exact_reference: 0, check_character: 0, national_id: 0 });
  });

  it('an import tries only its own payments; auto-match tries every unmatched one', async () => {
    await importStatement([['QL1', '3000.00', '36789012']]);
    const a = await approved({ nationalId: '36789012' });
    const b = await approved();
    expect((await importStatement([['QL2', '3000.00', b.billRef]])).matched).toEqual({ exact_reference: 1, check_character: 0, national_id: 0 });
    expect(payment('QL1')).toMatchObject({ state: 'unmatched' });
    const r = await t.desk.dispatch('payments.autoMatch', {}, t.actors.officer);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toEqual({ matched: { exact_reference: 0, check_character: 0, national_id: 1 }, unmatched: 0 });
    expect(payment('QL1')).toMatchObject({ state: 'matched', rule: 'national_id', billRef: a.billRef });
  });

  it('leaves a national ID whose amount does not fit, and an ID too short to be one', async () => {
    await approved({ nationalId: '33456789' });
    await approved({ nationalId: '1234' });
    const report = await importStatement([
      ['QH1', '3050.01', '33456789'],
      ['QH2', '3000.00', '1234'],
      // Two characters no bill reference has (0 and 1): no correction, and no one's national ID.
      ['QH3', '3000.00', '10101010'],
    ]);
    expect(report.matched).toEqual({ exact_reference: 0, check_character: 0, national_id: 0 });
    expect(report.unmatched).toBe(3);
    expect(payment('QH3')).toMatchObject({ state: 'unmatched', rule: null, billRef: null });
  });

  it('tries a national ID of five to twelve characters, not thirteen', async () => {
    const five = await approved({ nationalId: '12345' });
    const twelve = await approved({ nationalId: 'A12345678901' });
    await approved({ nationalId: '1234567890123' });
    const report = await importStatement([
      ['QJ1', '3000.00', '12345'],
      ['QJ2', '3000.00', 'A12345678901'],
      ['QJ3', '3000.00', '1234567890123'],
    ]);
    expect(report.matched).toEqual({ exact_reference: 0, check_character: 0, national_id: 2 });
    expect(payment('QJ1')).toMatchObject({ state: 'matched', rule: 'national_id', billRef: five.billRef });
    expect(payment('QJ2')).toMatchObject({ state: 'matched', rule: 'national_id', billRef: twelve.billRef });
    expect(payment('QJ3')).toMatchObject({ state: 'unmatched' });
  });

  it('a dry run counts the same matches and leaves every payment and invoice as it was', async () => {
    const a = await approved({ nationalId: '34567890' });
    const b = await approved();
    const report = await importStatement(
      [
        ['QI1', '3000.00', '34567890'],
        ['QI2', '3000.00', typo(b.billRef, 2)],
      ],
      true,
    );
    expect(report.matched).toEqual({ exact_reference: 0, check_character: 1, national_id: 1 });
    expect(t.desk.sqlite.prepare('SELECT count(*) FROM payments').pluck().get()).toBe(0);
    expect([invoice(a).state, invoice(b).state]).toEqual(['unpaid', 'unpaid']);
    // The real import, with no exact reference among its matches, settles both.
    await importStatement([
      ['QI1', '3000.00', '34567890'],
      ['QI2', '3000.00', typo(b.billRef, 2)],
    ]);
    expect([invoice(a).state, invoice(b).state]).toEqual(['paid', 'paid']);
  });
});
