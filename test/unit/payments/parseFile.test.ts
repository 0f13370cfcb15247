import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePaymentsFile } from '../../../src/main/payments/parse/index.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const NOW = '2025-06-02T06:00:00Z';
const ECITIZEN = [
  'invoice_number,client_invoice_ref,amount_paid,invoice_amount,currency,payment_date,payment_channel,phone_number,status',
  'TLDZRT,LB2237PN9Y,1550.00,1550.00,KES,2025-05-30 02:16:03+03:00,MPESA,254712345678,settled',
];
const parse = (content: string | Uint8Array, name = 'payments.csv') =>
  parsePaymentsFile(name, typeof content === 'string' ? Buffer.from(content) : Buffer.from(content), { now: NOW });
const NOT_PAYMENTS = /^not a payments file: expected the eCitizen notification columns .* or the M-Pesa statement columns /;

describe('recognising a payments file', () => {
  it('says so when the file is empty, or only blank lines', () => {
    for (const text of ['', '\n\n  \n', '\uFEFF']) {
      expect(parse(text)).toEqual({
        format: null,
        rowsRead: 0,
        payments: [],
        notCounted: [],
        problems: [{ line: 1, message: 'the file is empty' }],
        warnings: [],
        referenceFrom: null,
      });
    }
  });

  it('refuses a file of another kind, such as an applications file, naming the columns it expected', () => {
    const result = parse(fs.readFileSync(path.join(FIXTURES, 'applications/good.csv')));
    expect(result.format).toBeNull();
    expect(result.payments).toEqual([]);
    expect(result.problems).toEqual([{ line: 1, message: expect.stringMatching(NOT_PAYMENTS) }]);
  });

  it('refuses a tab-separated file with advice', () => {
    const result = parse(ECITIZEN.map((l) => l.replaceAll(',', '\t')).join('\n'));
    expect(result.problems).toEqual([{ line: 1, message: 'the file is separated by tabs: save it as CSV (comma or semicolon separated) and import it again' }]);
    expect(result.payments).toEqual([]);
  });

  it('reads a semicolon-separated file with a byte order mark', () => {
    const text =
      '\uFEFF' +
      ECITIZEN[0]!.replaceAll(',', ';') +
      '\nTLDZRT;LB2237PN9Y;"1.550,00";;KES;2025-05-30 02:16:03+03:00;MPESA;254712345678;settled\n' +
      'BQWXKP;LB229BLXKQ;1,550.00;;KES;2025-05-30 02:16:03+03:00;card;;settled\n';
    const result = parse(text);
    expect(result.format).toBe('ecitizen-csv');
    // "1.550,00" is the European way of writing it: refused rather than misread.
    expect(result.problems).toEqual([{ line: 2, field: 'amount_paid', message: expect.stringContaining("'1.550,00' is not an amount") }]);
    expect(result.payments.map((p) => [p.transactionId, p.amountCents])).toEqual([['BQWXKP', 155_000]]);
  });

  it('reads a statement saved with semicolons, Windows line ends and a byte order mark', () => {
    const text =
      '\uFEFFOrganisation Name:;KMLTTB\r\n\r\nReceipt No.;Completion Time;Details;Transaction Status;Paid In;Withdrawn;Other Party Info;A/C No.\r\n' +
      'QA00000001;30/05/2025 14:22;Pay Bill from 254712345678 - JOHN DOE Acc. LB2237PN9Y;Completed;1,500.00;;254712345678 - JOHN DOE;LB2237PN9Y\r\n';
    const result = parse(text);
    expect(result.problems).toEqual([]);
    expect(result.payments).toMatchObject([{ line: 4, transactionId: 'QA00000001', amountCents: 150_000, paidAt: '2025-05-30T11:22:00.000Z' }]);
  });

  it('refuses text that is not UTF-8, naming the line, and UTF-16 text', () => {
    const latin1 = Uint8Array.from([...Buffer.from(`${ECITIZEN.join('\n')}\nB,LB2237PN9Y,1550,,KES,2025-05-30,MPESA,,settled,Ren`), 0xe9, 0x0a]);
    expect(parse(latin1).problems).toEqual([{ line: 3, message: expect.stringContaining('not UTF-8') }]);
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Buffer.from(ECITIZEN[0]!, 'utf16le')]);
    expect(parse(utf16).problems).toEqual([{ line: 1, message: expect.stringContaining('UTF-16') }]);
  });

  it('refuses an Excel workbook or a PDF statement with advice', () => {
    expect(parse(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'statement.xlsx').problems[0]!.message).toContain('Excel workbook');
    expect(parse('%PDF-1.7\n...', 'statement.pdf').problems[0]!.message).toContain('PDF');
  });

  it('refuses one JSON list, asking for one object per line', () => {
    expect(parse(`[${JSON.stringify({ invoice_number: 'A' })}]`, 'n.json').problems[0]!.message).toContain('JSON lines');
  });

  it('says so when there are no rows below the header', () => {
    expect(parse(`${ECITIZEN[0]}\n\n`)).toMatchObject({ format: 'ecitizen-csv', problems: [{ line: 1, message: 'the file has no rows below the header' }] });
  });

  it('names the required columns an eCitizen export lacks', () => {
    const result = parse('invoice_number,amount_paid,payment_date\nTLDZRT,1550,2025-05-30\n');
    expect(result.format).toBe('ecitizen-csv');
    expect(result.problems.map((p) => p.field)).toEqual(['client_invoice_ref', 'status']);
  });

  it('finds the header within the first 20 lines, and no further', () => {
    const preamble = (n: number) => Array.from({ length: n }, (_, i) => `Note ${i + 1}:,something`).join('\n');
    expect(parse(`${preamble(19)}\n${ECITIZEN.join('\n')}`).payments.map((p) => p.line)).toEqual([21]);
    expect(parse(`${preamble(20)}\n${ECITIZEN.join('\n')}`).problems).toEqual([{ line: 1, message: expect.stringMatching(NOT_PAYMENTS) }]);
  });

  it('reports a quote that is never closed with its line, not as a file of another kind', () => {
    const result = parse(`${ECITIZEN.join('\n')}\nB,"LB2237PN9Y,1550\nC,x\n`);
    expect(result.problems).toEqual([{ line: 4, message: expect.stringContaining('never closed') }]);
  });
});
