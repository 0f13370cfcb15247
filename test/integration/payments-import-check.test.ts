import { beforeEach, describe, expect, it } from 'vitest';
import { makeDesk, seedApplication, type TestDesk } from './support/tempDesk.js';

/**
 * Issue 17: the check before a payments import. An M-Pesa statement exported without its A/C No.
 * column is read from Details ("Acc. LB935NHTA4") and the check says so; a payer's phone a
 * spreadsheet saved as 2.54712E+11 is kept as unknown and the check warns, naming file, line and field.
 */
let t: TestDesk;

// A desk of its own for each test: an import (not a dry run) would make the next test's statement already known.
beforeEach(async () => {
  t = await makeDesk();
});

/** Unpaid invoices of their own for one test (tests run in any order, and an import pays them). */
async function freshBills<K extends string>(...keys: K[]): Promise<Record<K, string>> {
  const bill = {} as Record<K, string>;
  for (const key of keys) {
    const id = seedApplication(t.desk, {});
    const r = await t.desk.dispatch('application.approve', { applicationId: id }, t.actors.officer);
    if (!r.ok) throw new Error(r.error.message);
    bill[key] = r.value.billRef!;
  }
  return bill;
}

async function importFile(fileName: string, text: string, dryRun: boolean) {
  const r = await t.desk.dispatch('payments.import', { fileName, dataBase64: Buffer.from(text).toString('base64'), dryRun }, t.actors.officer);
  if (!r.ok) throw new Error(`${r.error.message} ${JSON.stringify(r.error.issues)}`);
  return r.value;
}
const payment = (txn: string) =>
  t.desk.sqlite
    .prepare(
      'SELECT p.state, p.match_rule AS rule, p.reference_typed AS typed, p.payer_phone AS phone, p.payer_phone_raw AS phoneRaw, i.bill_ref AS billRef FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id WHERE p.transaction_id = ?',
    )
    .get(txn) as Record<string, string | null>;

describe('an M-Pesa statement without an A/C No. column', () => {
  const typo = (ref: string) => ref.slice(0, 4) + (ref[4] === 'X' ? 'Y' : 'X') + ref.slice(5);
  /** The statement, with receipts `<receipts>1` to `<receipts>4` (each test its own) paying the bills. */
  const statement = (receipts: string, bill: { acc: string; account: string; typo: string }) =>
    [
      'Organisation Name:,KENYA MEDICAL LABORATORY TECHNICIANS AND TECHNOLOGISTS BOARD',
      'Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Other Party Info',
      `${receipts}1,2026-11-21 10:00:00,Pay Bill from 254712000001 - JANE ONE Acc. ${bill.acc},Completed,3000.00,,254712000001 - JANE ONE`,
      `${receipts}2,2026-11-21 10:05:00,Pay Bill Online from 254712000002 - JOHN TWO Account ${bill.account.toLowerCase()},Completed,3000.00,,254712000002 - JOHN TWO`,
      `${receipts}3,2026-11-21 10:10:00,Pay Bill from 254712000003 - MARY THREE A/C ${typo(bill.typo)},Completed,3000.00,,254712000003 - MARY THREE`,
      `${receipts}4,2026-11-21 10:15:00,Pay Bill from 254712000004 - PETER FOUR,Completed,3000.00,,254712000004 - PETER FOUR`,
    ].join('\n');

  it('is no longer refused whole: the dry run reads each reference from Details and says so, and warns of a line without one', async () => {
    const report = await importFile('no-account-column.csv', statement('QD', await freshBills('acc', 'account', 'typo')), true);
    expect(report).toMatchObject({
      format: 'mpesa-statement',
      referenceFrom: 'Details',
      problems: [],
      added: 4,
      matched: { exact_reference: 2, check_character: 1, national_id: 0 },
      unmatched: 1,
    });
    expect(report.warnings).toEqual([
      {
        line: 6,
        field: 'Details',
        message: expect.stringMatching(
          /^no reference the payer typed \("Acc\. \.\.\."\) found in 'Pay Bill from 254712000004 - PETER FOUR': the payment will wait to be matched by hand$/,
        ),
      },
    ]);
    expect(t.desk.sqlite.prepare("SELECT count(*) FROM payments WHERE transaction_id LIKE 'QD%'").pluck().get()).toBe(0);
  });

  it('imports and matches as it said, keeping the reference as the payer typed it', async () => {
    const bill = await freshBills('acc', 'account', 'typo');
    await importFile('no-account-column.csv', statement('QH', bill), false);
    expect(payment('QH1')).toMatchObject({ state: 'matched', rule: 'exact_reference', typed: bill.acc, billRef: bill.acc });
    expect(payment('QH2')).toMatchObject({ state: 'matched', rule: 'exact_reference', typed: bill.account.toLowerCase(), billRef: bill.account });
    expect(payment('QH3')).toMatchObject({ state: 'matched', rule: 'check_character', billRef: bill.typo });
    expect(payment('QH4')).toMatchObject({ state: 'unmatched', typed: '', billRef: null });
    const audit = t.desk.sqlite.prepare("SELECT after FROM audit_events WHERE action = 'payments.import' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ referenceFrom: 'Details', warnings: 1 });
  });

  it('a statement with its A/C No. column reads the references there, and one with neither A/C No. nor Details is refused naming A/C No.', async () => {
    const withColumn = await importFile(
      'with-column.csv',
      [
        'Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Other Party Info,A/C No.',
        'QE1,2026-11-21 10:00:00,Pay Bill from 254712000001 - JANE ONE Acc. SOMETHING ELSE,Completed,100.00,,254712000001 - JANE ONE,ZZZ999',
      ].join('\n'),
      true,
    );
    expect(withColumn).toMatchObject({ referenceFrom: 'A/C No.', warnings: [], problems: [] });
    const neither = await importFile(
      'neither.csv',
      [
        'Receipt No.,Completion Time,Transaction Status,Paid In,Withdrawn,Other Party Info',
        'QF1,2026-11-21 10:00:00,Completed,100.00,,254712000001 - JANE ONE',
      ].join('\n'),
      true,
    );
    expect(neither.problems).toEqual([{ line: 1, field: 'A/C No.', message: expect.stringContaining('the column A/C No. is missing') }]);
  });
});

describe("a payer's phone a spreadsheet mangled", () => {
  const notifications = (bill: { ecitizen: string }) =>
    [
      'invoice_number,client_invoice_ref,amount_paid,invoice_amount,currency,payment_date,payment_channel,phone_number,status',
      `ECZ-W1,${bill.ecitizen},3000.00,3000.00,KES,2026-11-21 10:00:00+03:00,MPESA,2.54712E+11,settled`,
    ].join('\n');

  it('is warned of in the check before import, naming the file, line and field, and is kept as unknown, never guessed', async () => {
    const bill = await freshBills('ecitizen');
    const report = await importFile('notifications.csv', notifications(bill), true);
    expect(report).toMatchObject({ fileName: 'notifications.csv', referenceFrom: 'client_invoice_ref', problems: [], added: 1 });
    expect(report.warnings).toEqual([
      {
        line: 2,
        field: 'phone_number',
        message: "phone 2.54712E+11 lost digits in a spreadsheet: the payer's number is kept as unknown, so it cannot point to their invoice",
      },
    ]);
    await importFile('notifications.csv', notifications(bill), false);
    expect(payment('ECZ-W1')).toMatchObject({ state: 'matched', phone: null, phoneRaw: '2.54712E+11' });
  });

  it('on a statement too, in Other Party Info', async () => {
    const report = await importFile(
      'statement.csv',
      [
        'Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Other Party Info,A/C No.',
        'QG1,2026-11-21 10:00:00,Pay Bill,Completed,100.00,,2.54712E+11 - JANE ONE,ZZZ999',
        'QG2,2026-11-21 10:01:00,Pay Bill,Completed,100.00,,2.54712E+11,ZZZ998',
      ].join('\n'),
      true,
    );
    expect(report.warnings.map((w) => [w.line, w.field, w.message.slice(0, 46)])).toEqual([
      [2, 'Other Party Info', 'phone 2.54712E+11 lost digits in a spreadsheet'],
      [3, 'Other Party Info', 'phone 2.54712E+11 lost digits in a spreadsheet'],
    ]);
  });
});
