import { describe, expect, it } from 'vitest';
import { billRefFromNumber } from '../../../src/shared/billRef.js';
import { parsePaymentsFile } from '../../../src/main/payments/parse/index.js';

const ROWS = 100_000;

/** A statement a busy paybill might export for a quarter: every tenth line a charge, every fiftieth failed. */
function bigStatement(rows: number): Buffer {
  const lines = [
    'Account Holder:,Kenya Medical Laboratory Technicians and Technologists Board',
    'Short Code:,4021187',
    'Time Period:,From 01-01-2025 00:00:00 To 31-03-2025 23:59:59',
    '',
    'Receipt No.,Completion Time,Initiation Time,Details,Transaction Status,Paid In,Withdrawn,Balance,Balance Confirmed,Reason Type,Other Party Info,Linked Transaction ID,A/C No.',
  ];
  const start = Date.UTC(2025, 0, 1, 5);
  for (let i = 0; i < rows; i++) {
    const receipt = `TA${i.toString(36).toUpperCase().padStart(8, '0')}`;
    const t = new Date(start + i * 60_000).toISOString();
    const time = `${t.slice(8, 10)}-${t.slice(5, 7)}-${t.slice(0, 4)} ${t.slice(11, 19)}`;
    const phone = `2547${String(10_000_000 + ((i * 7919) % 89_999_999)).padStart(8, '0')}`;
    const ref = billRefFromNumber(BigInt(i));
    if (i % 10 === 9) {
      lines.push(`${receipt},${time},${time},Business Pay Bill Charge,Completed,,-22.00,"1,000.00",true,Pay Bill Charge,,,`);
    } else {
      const status = i % 50 === 7 ? 'Failed' : 'Completed';
      lines.push(
        `${receipt},${time},${time},Pay Bill Online from ${phone} - PAYER NUMBER ${i} Acc. ${ref},${status},"1,550.00",,"1,000.00",true,Pay Bill Online,${phone} - PAYER NUMBER ${i},,${ref}`,
      );
    }
  }
  return Buffer.from(lines.join('\n'));
}

describe('parsing a large statement', () => {
  it(`reads a generated ${ROWS.toLocaleString('en-KE')}-row statement (the time is printed, not asserted)`, () => {
    const bytes = bigStatement(ROWS);
    const started = performance.now();
    const result = parsePaymentsFile('big.csv', bytes, { now: '2025-06-01T00:00:00Z' });
    const ms = performance.now() - started;
    console.log(`payments parse: ${ROWS} statement rows (${(bytes.length / 1e6).toFixed(1)} MB) in ${ms.toFixed(0)} ms`);
    expect(result.problems).toEqual([]);
    expect(result.rowsRead).toBe(ROWS);
    expect(result.payments.length + result.notCounted.length).toBe(ROWS);
    expect(result.notCounted.length).toBe(ROWS / 10 + ROWS / 50);
  }, 30_000);
});
