import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePaymentsFile } from '../../../src/main/payments/parse/index.js';
import { referenceFromDetails } from '../../../src/main/payments/parse/detailsReference.js';
import { nameFromDetails, parseOtherPartyInfo } from '../../../src/main/payments/parse/otherParty.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/payments');
const NOW = '2025-06-02T06:00:00Z';
const HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const HEADER = 'Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Other Party Info,Linked Transaction ID,A/C No.';

const fixture = () => parsePaymentsFile('statement.csv', fs.readFileSync(path.join(FIXTURES, 'mpesa-statement.csv')), { now: NOW });
const parse = (text: string) => parsePaymentsFile('statement.csv', Buffer.from(text), { now: NOW });
const statement = (...rows: string[]) => parse([HEADER, ...rows].join('\n'));

describe('reading an M-Pesa paybill statement', () => {
  it('finds the header below the preamble lines and numbers every row as a person counts lines', () => {
    const result = fixture();
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('mpesa-statement');
    expect(result.rowsRead).toBe(9);
    expect(result.payments.map((p) => [p.line, p.transactionId])).toEqual([
      [9, 'TEU4K2Q8ZA'],
      [11, 'TEU5M7R1XC'],
      [13, 'TEU7P9T3ZE'],
      [14, 'TEU8Q1U4AF'],
    ]);
  });

  it('reads a completed payment: amount, UTC time, channel, phone, name and the reference as typed', () => {
    expect(fixture().payments[0]).toEqual({
      line: 9,
      source: 'mpesa',
      transactionId: 'TEU4K2Q8ZA',
      amountCents: 150_000,
      paidAt: '2025-05-30T11:22:10.000Z',
      channel: 'M-PESA paybill',
      payerPhone: '254712345678',
      payerPhoneRaw: '254712345678',
      payerName: 'JOHN KAMAU DOE',
      referenceTyped: 'LB2237PN9Y',
      invoiceAmountCents: null,
      otherSourceKey: null,
    });
  });

  it('does not count failed or reversed lines, or a charge, and says why', () => {
    const reasons = new Map(fixture().notCounted.map((n) => [n.line, n.reason]));
    expect(reasons.get(10)).toBe("a withdrawal of KES 22.00 ('Business Pay Bill Charge'), not a payment");
    expect(reasons.get(12)).toBe("Transaction Status is 'Failed'");
    expect(reasons.get(17)).toBe("Transaction Status is 'Reversed'");
  });

  it('does not count a payment that a later line reverses, and the reversal names the receipt it reverses', () => {
    const notCounted = fixture().notCounted;
    expect(notCounted).toContainEqual({ line: 15, reason: 'reversed on line 16' });
    expect(notCounted).toContainEqual({ line: 16, reason: 'a reversal of TEU9R2V5BG, not a payment', reverses: 'TEU9R2V5BG' });
  });

  it('names the receipt a reversal reverses even when that payment came in an earlier file', () => {
    const result = statement('QX11111111,2025-05-31 16:45:00,Reversal,Completed,,-1000.00,,QA00000001,');
    expect(result.payments).toEqual([]);
    expect(result.notCounted).toEqual([{ line: 2, reason: 'a reversal of QA00000001, not a payment', reverses: 'QA00000001' }]);
  });

  it('keeps no phone for a masked or hashed number, and still takes the payer name (from Details when Other Party Info has none)', () => {
    const byId = new Map(fixture().payments.map((p) => [p.transactionId, p]));
    expect(byId.get('TEU5M7R1XC')).toMatchObject({ payerPhone: null, payerPhoneRaw: '2547******678', payerName: 'GRACE W. OTIENO' });
    expect(byId.get('TEU8Q1U4AF')).toMatchObject({ payerPhone: null, payerPhoneRaw: HASH, payerName: 'ALI HASSAN' });
  });

  it('offers an A/C No. that is not a bill reference as the eCitizen invoice number of the same payment', () => {
    const byId = new Map(fixture().payments.map((p) => [p.transactionId, p]));
    expect(byId.get('TEU7P9T3ZE')!.otherSourceKey).toBe('TLDZRT');
    expect(byId.get('TEU5M7R1XC')).toMatchObject({ referenceTyped: 'lb22 9blx kq', otherSourceKey: null }); // a bill reference, loosely typed
  });

  it('reads completion times written 30-05-2025 14:22:10, 31/05/2025 10:05 and 2025-05-31 11:00:00 as Nairobi time', () => {
    const result = statement(
      'QA00000001,30-05-2025 14:22:10,,Completed,1500,,,,LB2237PN9Y',
      'QA00000002,31/05/2025 10:05,,Completed,1500,,,,LB2237PN9Y',
      'QA00000003,2025-05-31 11:00:00,,Completed,1500,,,,LB2237PN9Y',
    );
    expect(result.payments.map((p) => p.paidAt)).toEqual(['2025-05-30T11:22:10.000Z', '2025-05-31T07:05:00.000Z', '2025-05-31T08:00:00.000Z']);
  });

  it('refuses a completed line whose Paid In is negative or not an amount, naming Paid In and the line', () => {
    const result = statement(
      'QA00000001,2025-05-31 11:00:00,,Completed,-1500,,,,LB2237PN9Y',
      'QA00000002,2025-05-31 11:00:00,,Completed,about 1500,,,,LB2237PN9Y',
    );
    expect(result.problems).toEqual([
      { line: 2, field: 'Paid In', message: "'-1500' is negative" },
      { line: 3, field: 'Paid In', message: expect.stringContaining("'about 1500' is not an amount") },
    ]);
  });

  it('does not count a completed line with nothing paid in and nothing withdrawn', () => {
    const result = statement('QA00000001,2025-05-31 11:00:00,,Completed,0.00,,,,');
    expect(result).toMatchObject({ payments: [], problems: [], notCounted: [{ line: 2, reason: 'nothing paid in' }] });
  });

  it('names a required column the statement lacks', () => {
    const result = parse('Receipt No.,Completion Time,Details,Transaction Status,Other Party Info,A/C No.\n');
    expect(result.format).toBe('mpesa-statement');
    expect(result.problems).toEqual([{ line: 1, field: 'Paid In', message: 'the column Paid In is missing' }]);
  });

  it('names the A/C No. column when it is missing and there is no Details to read the reference from either', () => {
    const result = parse('Receipt No.,Completion Time,Transaction Status,Paid In,Withdrawn,Other Party Info\nQA1,2025-05-31 11:00:00,Completed,1500,,\n');
    expect(result.problems).toEqual([
      { line: 1, field: 'A/C No.', message: 'the column A/C No. is missing (and there is no Details column to read "Acc. ..." from)' },
    ]);
    expect(result.payments).toEqual([]);
  });

  it('without an A/C No. column, takes the reference the payer typed from Details, says so, and warns of a line without one', () => {
    const result = parse(
      [
        'Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Other Party Info',
        'QA1,2025-05-31 11:00:00,Pay Bill from 254712345678 - JOHN DOE Acc. LB935NHTA4,Completed,1500,,254712345678 - JOHN DOE',
        'QA2,2025-05-31 11:01:00,Pay Bill Online from 2547******678 - GRACE W. OTIENO Acc. lb22 9blx kq,Completed,1500,,',
        'QA3,2025-05-31 11:02:00,Pay Bill from 254733444555 - MARY NJERI Acc. TLDZRT,Completed,1550,,',
        'QA4,2025-05-31 11:03:00,Pay Bill from 254700111222 - SAMUEL KIPROP,Completed,1000,,',
      ].join('\n'),
    );
    expect(result).toMatchObject({ format: 'mpesa-statement', referenceFrom: 'Details', problems: [] });
    expect(result.payments.map((p) => [p.transactionId, p.referenceTyped, p.otherSourceKey, p.payerName])).toEqual([
      ['QA1', 'LB935NHTA4', null, 'JOHN DOE'],
      ['QA2', 'lb22 9blx kq', null, 'GRACE W. OTIENO'],
      ['QA3', 'TLDZRT', 'TLDZRT', 'MARY NJERI'],
      ['QA4', '', null, 'SAMUEL KIPROP'],
    ]);
    expect(result.warnings).toEqual([{ line: 5, field: 'Details', message: expect.stringContaining('no reference the payer typed') }]);
  });

  it('with an A/C No. column, reads the reference there and says so', () => {
    expect(fixture()).toMatchObject({ referenceFrom: 'A/C No.', warnings: [] });
  });

  it('keeps a phone a spreadsheet wrote as 2.54712E+11 as unknown, and warns naming the line and field', () => {
    const result = statement(
      'QA00000001,2025-05-31 11:00:00,,Completed,1500,,2.54712E+11 - JOHN DOE,,LB2237PN9Y',
      'QA00000002,2025-05-31 11:00:00,,Completed,1500,,2.54712E+11,,LB2237PN9Y',
    );
    expect(result.payments.map((p) => [p.payerPhone, p.payerPhoneRaw, p.payerName])).toEqual([
      [null, '2.54712E+11', 'JOHN DOE'],
      [null, '2.54712E+11', ''],
    ]);
    expect(result.warnings).toEqual(
      [2, 3].map((line) => ({
        line,
        field: 'Other Party Info',
        message: "phone 2.54712E+11 lost digits in a spreadsheet: the payer's number is kept as unknown, so it cannot point to their invoice",
      })),
    );
  });

  it('refuses a payment dated after now (beyond five minutes of clock skew)', () => {
    const result = statement(
      'QA00000001,02-06-2025 09:04:00,,Completed,1500,,,,LB2237PN9Y', // 06:04 UTC: within five minutes
      'QA00000002,02-06-2025 09:06:00,,Completed,1500,,,,LB2237PN9Y',
    );
    expect(result.problems).toEqual([{ line: 3, field: 'Completion Time', message: "'02-06-2025 09:06:00' is in the future" }]);
  });
});

describe('who paid, from Other Party Info and Details', () => {
  it('splits a number from a name at the first " - "', () => {
    expect(parseOtherPartyInfo('254712345678 - JOHN  DOE')).toEqual({ phoneRaw: '254712345678', name: 'JOHN DOE' });
    expect(parseOtherPartyInfo('2547******678 - MARY-ANNE - W')).toEqual({ phoneRaw: '2547******678', name: 'MARY-ANNE - W' });
  });

  it('takes a bare number or hash as the number and bare words as the name', () => {
    expect(parseOtherPartyInfo(HASH)).toEqual({ phoneRaw: HASH, name: '' });
    expect(parseOtherPartyInfo('0712 345 678')).toEqual({ phoneRaw: '0712 345 678', name: '' });
    expect(parseOtherPartyInfo('JOHN DOE')).toEqual({ phoneRaw: '', name: 'JOHN DOE' });
    expect(parseOtherPartyInfo('')).toEqual({ phoneRaw: '', name: '' });
  });

  it('finds the name in Details between the number and "Acc."', () => {
    expect(nameFromDetails('Pay Bill from 254712345678 - JOHN DOE Acc. LB2237PN9Y')).toBe('JOHN DOE');
    expect(nameFromDetails('Pay Bill Online from 2547******678 - ACCRA MENSAH Acc.')).toBe('ACCRA MENSAH');
    expect(nameFromDetails('Pay Bill from JANE W')).toBe('JANE W');
    expect(nameFromDetails('Business Pay Bill Charge')).toBe('');
    expect(nameFromDetails(`Pay Bill from ${HASH} Acc. X`)).toBe('');
  });

  it('keeps a phone written +254 as a phone, not a formula', () => {
    const result = statement('QA00000001,2025-05-31 11:00:00,,Completed,1500,,+254712345678 - JOHN DOE,,LB2237PN9Y');
    expect(result.problems).toEqual([]);
    expect(result.payments[0]).toMatchObject({ payerPhone: '254712345678', payerPhoneRaw: '+254712345678', payerName: 'JOHN DOE' });
  });
});

describe('the reference a payer typed, from Details (a statement without A/C No.)', () => {
  it('reads it after "Acc.", "Account" or "A/C", in any case, with or without "No." and a colon', () => {
    expect(referenceFromDetails('Pay Bill from 254712345678 - JOHN DOE Acc. LB935NHTA4')).toBe('LB935NHTA4');
    expect(referenceFromDetails('Pay Bill from 254712345678 - JOHN DOE acc.LB935NHTA4')).toBe('LB935NHTA4');
    expect(referenceFromDetails('Pay Bill from 254712345678 - JOHN DOE Acc LB935NHTA4')).toBe('LB935NHTA4');
    expect(referenceFromDetails('Pay Bill from 254712345678 - JOHN DOE Account LB935NHTA4')).toBe('LB935NHTA4');
    expect(referenceFromDetails('Pay Bill from 254712345678 - JOHN DOE Account No: LB935NHTA4')).toBe('LB935NHTA4');
    expect(referenceFromDetails('Pay Bill from 254712345678 - JOHN DOE A/C LB935NHTA4')).toBe('LB935NHTA4');
    expect(referenceFromDetails('Pay Bill from 254712345678 - JOHN DOE A/C No. LB935NHTA4')).toBe('LB935NHTA4');
    expect(referenceFromDetails('Pay Bill Online from 2547******678 - GRACE OTIENO Acc. lb22  9blx kq ')).toBe('lb22 9blx kq');
  });

  it('is not fooled by a name that starts like a marker', () => {
    expect(referenceFromDetails('Pay Bill from 254712345678 - ACCRA MENSAH Acc. LB935NHTA4')).toBe('LB935NHTA4');
    expect(referenceFromDetails('Pay Bill from 254712345678 - ACCOUNTANT JOHN Acc. LB935NHTA4')).toBe('LB935NHTA4');
  });

  it('gives nothing rather than a guess: no marker, two markers, nothing after it, a sentence, a formula or an over-long text', () => {
    expect(referenceFromDetails('Pay Bill from 254712345678 - JOHN DOE')).toBeNull();
    expect(referenceFromDetails('Pay Bill from 254712345678 - JOHN DOE Acc.')).toBeNull();
    expect(referenceFromDetails('Funds moved from Utility Account to Working Account')).toBeNull();
    expect(referenceFromDetails('Pay Bill from 2547 - MARY ACCOUNT Acc. LB935NHTA4')).toBeNull();
    expect(referenceFromDetails('Pay Bill from 2547 - JOHN Acc. my licence fee for this year')).toBeNull();
    expect(referenceFromDetails('Pay Bill from 2547 - JOHN Acc. =cmd|calc')).toBeNull();
    expect(referenceFromDetails(`Pay Bill from 2547 - JOHN Acc. ${'A'.repeat(31)}`)).toBeNull();
    expect(referenceFromDetails('')).toBeNull();
  });
});
