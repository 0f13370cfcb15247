import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDesk, seedApplication, type TestDesk } from './support/tempDesk.js';

/**
 * Auto-match works set-based (exact references first, settled with the rest at the end): the
 * outcome must be that of settling after every match, and it must survive a dry run on the
 * same connection (whose rollback takes the temporary tables with it).
 */
let t: TestDesk;
let bill: Record<string, string>;
let app: Record<string, string>;

function typo(ref: string, position: number): string {
  const chars = [...ref];
  chars[position] = chars[position] === 'X' ? 'Y' : 'X';
  return chars.join('');
}

const mpesa = (rows: string[]) =>
  Buffer.from(['Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Other Party Info,A/C No.', ...rows].join('\n')).toString('base64');

async function importFile(dataBase64: string, dryRun: boolean) {
  const r = await t.desk.dispatch('payments.import', { fileName: 'mpesa.csv', dataBase64, dryRun }, t.actors.officer);
  if (!r.ok) throw new Error(`${r.error.message} ${JSON.stringify(r.error.issues)}`);
  return r.value;
}

const invoice = (key: string) =>
  t.desk.sqlite.prepare('SELECT state, amount_paid_cents AS paid FROM invoices WHERE application_id = ?').get(app[key]) as { state: string; paid: number };
const rule = (txn: string) =>
  t.desk.sqlite.prepare('SELECT state, match_rule AS rule FROM payments WHERE transaction_id = ?').get(txn) as { state: string; rule: string | null };
const appState = (key: string) => t.desk.sqlite.prepare('SELECT state FROM applications WHERE id = ?').pluck().get(app[key]);

/** Each test's desk: three approved applications, each with an unpaid invoice ('half', 'full' and 'plain'). */
beforeEach(async () => {
  t = await makeDesk();
  bill = {};
  app = {};
  for (const key of ['half', 'full', 'plain']) {
    app[key] = seedApplication(t.desk, {});
    const r = await t.desk.dispatch('application.approve', { applicationId: app[key]! }, t.actors.officer);
    if (!r.ok) throw new Error(r.error.message);
    bill[key] = r.value.billRef!;
  }
});
afterEach(async () => {
  await t.desk.close();
});

describe('auto-match in one pass over a statement', () => {
  const file = () =>
    mpesa([
      // Half of 'half' by its exact reference, the rest later with one character wrong: the
      // balance the second payment must fit is what is left after the first.
      `RB1,2026-11-21 10:00:00,Pay Bill,Completed,1500.00,,254712000001 - ONE,${bill.half}`,
      `RB2,2026-11-21 11:00:00,Pay Bill,Completed,1500.00,,254712000001 - ONE,${typo(bill.half!, 3)}`,
      // 'full' is paid by its exact reference; a later payment with a typo finds no open invoice.
      `RB3,2026-11-21 10:05:00,Pay Bill,Completed,3000.00,,254712000002 - TWO,${bill.full}`,
      `RB4,2026-11-21 11:05:00,Pay Bill,Completed,3000.00,,254712000002 - TWO,${typo(bill.full!, 4)}`,
      // Two payments with a typo for the same invoice: the first pays it, the second stays unmatched.
      `RB5,2026-11-21 10:10:00,Pay Bill,Completed,3000.00,,254712000003 - THREE,${typo(bill.plain!, 5)}`,
      `RB6,2026-11-21 10:15:00,Pay Bill,Completed,3000.00,,254712000003 - THREE,${typo(bill.plain!, 6)}`,
    ]);

  it('a dry run reports the matches and changes nothing', async () => {
    const report = await importFile(file(), true);
    expect(report).toMatchObject({ added: 6, matched: { exact_reference: 2, check_character: 2, national_id: 0 }, unmatched: 2 });
    expect(t.desk.sqlite.prepare('SELECT count(*) FROM payments').pluck().get()).toBe(0);
    expect(invoice('half')).toEqual({ state: 'unpaid', paid: 0 });
  });

  it('the import after it matches the same, as if each match were settled before the next', async () => {
    // The dry run first, on the same connection: its rollback must leave nothing the import trips on.
    await importFile(file(), true);
    const report = await importFile(file(), false);
    expect(report).toMatchObject({ added: 6, matched: { exact_reference: 2, check_character: 2, national_id: 0 }, unmatched: 2 });
    expect([rule('RB1'), rule('RB2')]).toEqual([
      { state: 'matched', rule: 'exact_reference' },
      { state: 'matched', rule: 'check_character' },
    ]);
    expect(invoice('half')).toEqual({ state: 'paid', paid: 300_000 });
    expect(rule('RB4')).toEqual({ state: 'unmatched', rule: null });
    expect(invoice('full')).toEqual({ state: 'paid', paid: 300_000 });
    expect([rule('RB5'), rule('RB6')]).toEqual([
      { state: 'matched', rule: 'check_character' },
      { state: 'unmatched', rule: null },
    ]);
    expect(invoice('plain')).toEqual({ state: 'paid', paid: 300_000 });
    expect([appState('half'), appState('full'), appState('plain')]).toEqual(['paid', 'paid', 'paid']);
    const history = t.desk.sqlite.prepare("SELECT count(*) FROM application_history WHERE action = 'settle'").pluck().get();
    expect(history).toBe(3);
    const sms = t.desk.sqlite.prepare("SELECT event_key, body FROM sms_messages WHERE event = 'paid' ORDER BY event_key").all() as {
      event_key: string;
      body: string;
    }[];
    expect(sms).toHaveLength(3);
    expect(sms.every((m) => /received KES 3,000\.00 for bill reference/.test(m.body))).toBe(true);
  });

  it('auto-match over every unmatched payment afterwards changes nothing', async () => {
    expect(await importFile(file(), false)).toMatchObject({ unmatched: 2 });
    const r = await t.desk.dispatch('payments.autoMatch', {}, t.actors.officer);
    expect(r.ok && r.value).toEqual({ matched: { exact_reference: 0, check_character: 0, national_id: 0 }, unmatched: 2 });
    expect(t.desk.sqlite.prepare("SELECT count(*) FROM sms_messages WHERE event = 'paid'").pluck().get()).toBe(3);
  });
});
