import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePaymentRecords, parsePaymentsFile, type ParsedPaymentsFile } from '../../../src/main/payments/parse/index.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/payments');
const NOW = '2025-06-02T06:00:00Z';
const HEADER = 'invoice_number,client_invoice_ref,amount_paid,invoice_amount,currency,payment_date,payment_channel,phone_number,status';

const fixture = (name: string) => parsePaymentsFile(name, fs.readFileSync(path.join(FIXTURES, name)), { now: NOW });
const parse = (text: string) => parsePaymentsFile('notifications.csv', Buffer.from(text), { now: NOW });
const notifications = (...rows: string[]) => parse([HEADER, ...rows].join('\n'));
const row = (fields: Partial<Record<string, string>> = {}) => {
  const f = {
    invoice_number: 'TLDZRT',
    client_invoice_ref: 'LB2237PN9Y',
    amount_paid: '1550.00',
    invoice_amount: '1550.00',
    currency: 'KES',
    payment_date: '2025-05-30 02:16:03+03:00',
    payment_channel: 'MPESA',
    phone_number: '254712345678',
    status: 'settled',
    ...fields,
  };
  return HEADER.split(',')
    .map((k) => f[k as keyof typeof f])
    .join(',');
};
const json = (fields: Record<string, unknown> = {}) => ({
  invoice_number: 'TLDZRT',
  client_invoice_ref: 'LB2237PN9Y',
  amount_paid: '1550.00',
  currency: 'KES',
  payment_date: '2025-05-30 02:16:03+03:00',
  payment_channel: 'MPESA',
  phone_number: '254712345678',
  status: 'settled',
  ...fields,
});
const withoutLines = (r: ParsedPaymentsFile) => ({
  payments: r.payments.map(({ line: _line, ...p }) => p),
  notCounted: r.notCounted.map(({ line: _line, ...n }) => n),
  problems: r.problems,
  rowsRead: r.rowsRead,
});

describe('reading eCitizen payment notifications', () => {
  it('gives the same payments from a CSV export and from the same notifications as JSON lines', () => {
    const csv = fixture('ecitizen-notifications.csv');
    const jsonl = fixture('ecitizen-notifications.jsonl');
    expect(csv.format).toBe('ecitizen-csv');
    expect(jsonl.format).toBe('ecitizen-jsonl');
    expect(csv.payments).toHaveLength(3);
    expect(withoutLines(jsonl)).toEqual(withoutLines(csv));
    expect(csv.payments.map((p) => p.line)).toEqual([2, 3, 5]);
    expect(jsonl.payments.map((p) => p.line)).toEqual([1, 2, 5]); // line 3 is blank
  });

  it('reads a settled notification: invoice number upper-cased, amount, UTC time, channel, phone, reference as typed', () => {
    expect(fixture('ecitizen-notifications.csv').payments[0]).toEqual({
      line: 2,
      source: 'ecitizen',
      transactionId: 'TLDZRT',
      amountCents: 155_000,
      paidAt: '2025-05-29T23:16:03.000Z',
      channel: 'MPESA',
      payerPhone: '254712345678',
      payerPhoneRaw: '254712345678',
      payerName: '',
      referenceTyped: 'LB2237PN9Y',
      invoiceAmountCents: 155_000,
      otherSourceKey: null,
    });
  });

  it('counts only settled notifications, in any case, and names the status of the others', () => {
    const result = notifications(row({ status: 'SETTLED' }), row({ invoice_number: 'B', status: 'pending' }), row({ invoice_number: 'C', status: 'failed' }));
    expect(result.payments.map((p) => p.transactionId)).toEqual(['TLDZRT']);
    expect(result.notCounted).toEqual([
      { line: 3, reason: "status is 'pending', not settled" },
      { line: 4, reason: "status is 'failed', not settled" },
    ]);
  });

  it('keeps no phone for a number in spreadsheet notation (2.54712E+11), never a guessed one, and warns naming the line and field', () => {
    for (const name of ['ecitizen-notifications.csv', 'ecitizen-notifications.jsonl']) {
      const result = fixture(name);
      const p = result.payments.find((x) => x.transactionId === 'DKLMNP')!;
      expect(p).toMatchObject({ payerPhone: null, payerPhoneRaw: '2.54712E+11' });
      expect(result.warnings).toEqual([
        {
          line: p.line,
          field: 'phone_number',
          message: "phone 2.54712E+11 lost digits in a spreadsheet: the payer's number is kept as unknown, so it cannot point to their invoice",
        },
      ]);
      expect(result.referenceFrom).toBe('client_invoice_ref');
    }
  });

  it('reads amounts written 1500, 1500.00 and "1,500.00" as the same cents, and numbers in JSON too', () => {
    const result = notifications(
      row({ invoice_number: 'A', amount_paid: '1500' }),
      row({ invoice_number: 'B', amount_paid: '1500.00' }),
      row({ invoice_number: 'C', amount_paid: '"1,500.00"' }),
    );
    expect(result.payments.map((p) => p.amountCents)).toEqual([150_000, 150_000, 150_000]);
    expect(
      parsePaymentRecords([json({ amount_paid: 1500 }), json({ invoice_number: 'B', amount_paid: 1500.5 })], { now: NOW }).payments.map((p) => p.amountCents),
    ).toEqual([150_000, 150_050]);
  });

  it('refuses a settled notification whose amount paid is zero, negative or not a number, naming amount_paid', () => {
    const result = notifications(
      row({ invoice_number: 'A', amount_paid: '0.00' }),
      row({ invoice_number: 'B', amount_paid: '-1500' }),
      row({ invoice_number: 'C', amount_paid: 'fifteen hundred' }),
      row({ invoice_number: 'D', amount_paid: '' }),
    );
    expect(result.problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [2, 'amount_paid', "'0.00' is zero: a settled payment has an amount"],
      [3, 'amount_paid', "'-1500' is negative"],
      [4, 'amount_paid', expect.stringContaining("'fifteen hundred' is not an amount")],
      [5, 'amount_paid', 'must not be empty'],
    ]);
  });

  it('refuses an invoice amount that is not a number, and leaves it null when empty', () => {
    expect(notifications(row({ invoice_amount: 'n/a' })).problems).toEqual([
      { line: 2, field: 'invoice_amount', message: expect.stringContaining("'n/a' is not an amount") },
    ]);
    expect(notifications(row({ invoice_amount: '' })).payments[0]!.invoiceAmountCents).toBeNull();
  });

  it('refuses a currency other than KES, and takes an empty currency as KES', () => {
    const result = notifications(
      row({ invoice_number: 'A', currency: 'USD' }),
      row({ invoice_number: 'B', currency: '' }),
      row({ invoice_number: 'C', currency: 'kes' }),
    );
    expect(result.problems).toEqual([{ line: 2, field: 'currency', message: "'USD' is not KES: only payments in Kenya shillings can be imported" }]);
    expect(result.payments.map((p) => p.transactionId)).toEqual(['B', 'C']);
  });

  it('reads payment dates with an offset, with Z, and without one (Nairobi time) as UTC', () => {
    const result = notifications(
      row({ invoice_number: 'A', payment_date: '2025-05-30 02:16:03+03:00' }),
      row({ invoice_number: 'B', payment_date: '2025-05-30T02:16:03Z' }),
      row({ invoice_number: 'C', payment_date: '2025-05-30 02:16:03' }),
      row({ invoice_number: 'D', payment_date: '2025-05-30T02:16:03.123456+0300' }),
    );
    expect(result.payments.map((p) => p.paidAt)).toEqual([
      '2025-05-29T23:16:03.000Z',
      '2025-05-30T02:16:03.000Z',
      '2025-05-29T23:16:03.000Z',
      '2025-05-29T23:16:03.000Z',
    ]);
  });

  it('refuses a payment date that is not a date, or is in the future', () => {
    const result = notifications(
      row({ invoice_number: 'A', payment_date: 'yesterday' }),
      row({ invoice_number: 'B', payment_date: '2025-02-30 10:00:00' }),
      row({ invoice_number: 'C', payment_date: '2025-06-02T06:10:00Z' }),
      row({ invoice_number: 'D', payment_date: '2025-06-02T06:04:00Z' }),
    );
    expect(result.problems).toEqual([
      { line: 2, field: 'payment_date', message: expect.stringMatching(/^'yesterday' is not a date and time: write it like /) },
      { line: 3, field: 'payment_date', message: expect.stringMatching(/^'2025-02-30 10:00:00' is not a date and time/) },
      { line: 4, field: 'payment_date', message: "'2025-06-02T06:10:00Z' is in the future" },
    ]);
    expect(result.payments.map((p) => p.transactionId)).toEqual(['D']);
  });

  it('keeps the first of two notifications with the same invoice number and does not count the later one', () => {
    const result = notifications(row(), row({ invoice_number: ' tldzrt ' }), row({ invoice_number: 'TLDZRT', amount_paid: '50' }));
    expect(result.payments.map((p) => p.line)).toEqual([2]);
    expect(result.notCounted).toEqual([
      { line: 3, reason: 'same transaction as line 2' },
      { line: 4, reason: 'same transaction as line 2 (but KES 50.00 here, KES 1,550.00 there)' },
    ]);
    expect(result.problems).toEqual([]);
  });

  it('refuses formula-like text in the reference or the name, but not a phone written +254', () => {
    const result = notifications(
      row({ invoice_number: 'A', client_invoice_ref: '=HYPERLINK("http://x")' }),
      row({ invoice_number: 'B', client_invoice_ref: '@SUM(A1)' }),
      row({ invoice_number: 'C', phone_number: '+254712345678' }),
      row({ invoice_number: 'D', client_invoice_ref: '-LB2237PN9Y+1' }),
    );
    expect(result.problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'client_invoice_ref'],
      [3, 'client_invoice_ref'],
      [5, 'client_invoice_ref'],
    ]);
    expect(result.problems[0]!.message).toContain('looks like a spreadsheet formula');
    expect(result.payments[0]).toMatchObject({ transactionId: 'C', payerPhone: '254712345678', payerPhoneRaw: '+254712345678' });
    const named = parsePaymentRecords([json({ payer_name: '+cmd|calc' })], { now: NOW });
    expect(named.problems).toEqual([{ line: 1, field: 'payer_name', message: "'+cmd|calc' looks like a spreadsheet formula" }]);
  });

  it('refuses a field longer than 500 characters', () => {
    const result = notifications(row({ client_invoice_ref: 'X'.repeat(501) }), row({ invoice_number: 'B', client_invoice_ref: 'X'.repeat(500) }));
    expect(result.problems).toEqual([{ line: 2, field: 'client_invoice_ref', message: 'is 501 characters long; the most is 500' }]);
  });

  it('explains a row split by an amount written 1,500.00 without quotes', () => {
    const result = notifications('TLDZRT,LB2237PN9Y,1,500.00,1550.00,KES,2025-05-30 02:16:03+03:00,MPESA,254712345678,settled');
    expect(result.problems[0]).toEqual({ line: 2, message: expect.stringContaining('this row has 10 values but the header has 9 columns') });
  });

  it('reads a name and a single payment reference when the export has them', () => {
    const result = parse(
      'Invoice Number,Client Invoice Ref,Amount Paid,Payment Date,Status,Customer Name,Payment Reference\n' +
        'TLDZRT,LB2237PN9Y,1550,2025-05-30 02:16:03+03:00,settled,  Jane   Wanjiru ,qek7abc123\n',
    );
    expect(result.problems).toEqual([]);
    expect(result.payments[0]).toMatchObject({ payerName: 'Jane Wanjiru', otherSourceKey: 'QEK7ABC123', channel: '', invoiceAmountCents: null });
  });
});

describe('eCitizen notifications as JSON lines and as objects', () => {
  const jsonl = (...lines: string[]) => parsePaymentsFile('n.jsonl', Buffer.from(lines.join('\n')), { now: NOW });

  it('reports a line that is not JSON with its line number, and skips blank lines', () => {
    const result = jsonl(JSON.stringify(json()), '', '{"invoice_number": "B",', '   ', JSON.stringify(json({ invoice_number: 'C' })));
    expect(result.problems).toEqual([{ line: 3, message: 'is not JSON: each line must hold one whole notification object' }]);
    expect(result.payments.map((p) => p.line)).toEqual([1, 5]);
    expect(result.rowsRead).toBe(3);
  });

  it('names a field a notification lacks, and a field that is not text or a number', () => {
    const { amount_paid: _a, ...noAmount } = json();
    const result = jsonl(JSON.stringify(noAmount), JSON.stringify(json({ client_invoice_ref: { ref: 'x' } })), '[1]');
    expect(result.problems).toEqual([
      { line: 1, field: 'amount_paid', message: 'the field amount_paid is missing' },
      { line: 2, field: 'client_invoice_ref', message: 'must be text or a number' },
      { line: 3, message: 'is not a notification: a JSON object was expected' },
    ]);
  });

  it('matches JSON keys like CSV headers', () => {
    const result = parsePaymentRecords(
      [{ InvoiceNumber: 'tldzrt', clientInvoiceRef: 'LB2237PN9Y', amountPaid: '1550', paymentDate: '2025-05-30T02:16:03Z', Status: 'Settled' }],
      { now: NOW },
    );
    expect(result.problems).toEqual([]);
    expect(result.payments[0]).toMatchObject({ transactionId: 'TLDZRT', amountCents: 155_000, payerPhone: null, payerPhoneRaw: '' });
  });

  it("takes Pesaflow's payment_reference list as the other source's key when it holds one reference", () => {
    const one = json({ payment_reference: [{ payment_reference: 'qek7abc123', amount: '1550.00' }] });
    const two = json({ invoice_number: 'B', payment_reference: [{ payment_reference: 'QEK7ABC123' }, { payment_reference: 'QEK7ABC999' }] });
    const result = parsePaymentRecords([one, two], { now: NOW });
    expect(result.payments.map((p) => p.otherSourceKey)).toEqual(['QEK7ABC123', null]);
  });

  it('numbers objects from the JSON endpoint by their position, from 1', () => {
    const result = parsePaymentRecords([json({ status: 'pending' }), json({ amount_paid: 'x' }), 'text'], { now: NOW });
    expect(result.format).toBe('ecitizen-jsonl');
    expect(result.rowsRead).toBe(3);
    expect(result.notCounted).toEqual([{ line: 1, reason: "status is 'pending', not settled" }]);
    expect(result.problems.map((p) => p.line)).toEqual([2, 3]);
  });

  it('says so when the endpoint receives no notifications', () => {
    expect(parsePaymentRecords([], { now: NOW }).problems).toEqual([{ line: 1, message: 'there are no notifications' }]);
  });

  it('refuses a JSON lines file of something other than notifications', () => {
    const result = jsonl('{"application_ref": "ECZ-1", "national_id": "12345678"}');
    expect(result.format).toBeNull();
    expect(result.problems).toEqual([{ line: 1, message: expect.stringMatching(/^not a payments file: expected the eCitizen notification columns/) }]);
  });
});
