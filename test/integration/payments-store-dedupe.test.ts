import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedPayment } from '../../src/main/payments/parse/index.js';
import { storePayments } from '../../src/main/payments/store.js';
import { makeDesk, type TestDesk } from './support/tempDesk.js';

/**
 * storePayments keeps a payment once whatever order its keys arrive in: within one call (the
 * look-up runs only for a payment one of whose keys is already stored, before the call or by an
 * earlier payment of it) as across calls. Each test stores in a transaction of its own, undone.
 */
let t: TestDesk;

beforeAll(async () => {
  t = await makeDesk();
});
afterAll(async () => {
  await t.desk.close();
});

let line = 0;
function payment(source: ParsedPayment['source'], transactionId: string, amountCents: number, otherSourceKey: string | null = null): ParsedPayment {
  return {
    line: ++line,
    source,
    transactionId,
    amountCents,
    paidAt: '2026-11-21T07:00:00.000Z',
    channel: source === 'mpesa' ? 'M-PESA paybill' : 'MPESA',
    payerPhone: null,
    payerPhoneRaw: '',
    payerName: '',
    referenceTyped: 'LB22ABCDEF',
    invoiceAmountCents: null,
    otherSourceKey,
  };
}

/** Stores each batch in turn, in one transaction that is rolled back; answers each call's outcome and the keys stored. */
function storeInTurn(...batches: ParsedPayment[][]) {
  const { sqlite } = t.desk;
  sqlite.exec('BEGIN');
  try {
    const outcomes = batches.map((b) => storePayments(t.desk.write, b, { sourceFile: 'test.csv', importId: null, now: '2026-11-21T08:00:00.000Z' }));
    const keys = sqlite.prepare('SELECT k.key, p.transaction_id AS owner FROM payment_keys k JOIN payments p ON p.id = k.payment_id ORDER BY k.key').all() as {
      key: string;
      owner: string;
    }[];
    return { outcomes: outcomes.map((o) => ({ added: o.added.length, alreadyKnown: o.alreadyKnown })), keys };
  } finally {
    sqlite.exec('ROLLBACK');
  }
}

describe('storing payments once each', () => {
  it('counts a transaction seen twice in one call as already known', () => {
    const r = storeInTurn([payment('mpesa', 'QA1', 100_00), payment('mpesa', 'QA1', 100_00), payment('mpesa', 'QA2', 100_00)]);
    expect(r.outcomes).toEqual([{ added: 2, alreadyKnown: 1 }]);
  });

  it('keeps one payment when the statement line names a notification stored earlier in the same call, and adds its receipt as a key', () => {
    const r = storeInTurn([payment('ecitizen', 'ECZ-1', 300_00), payment('mpesa', 'QB1', 300_00, 'ECZ-1')]);
    expect(r.outcomes).toEqual([{ added: 1, alreadyKnown: 1 }]);
    expect(r.keys).toEqual([
      { key: 'ECZ-1', owner: 'ECZ-1' },
      { key: 'QB1', owner: 'ECZ-1' },
    ]);
  });

  it('keeps one payment when a notification is named by a statement line stored earlier in the same call, only for the same amount', () => {
    const same = storeInTurn([payment('mpesa', 'QC1', 300_00, 'ECZ-2'), payment('ecitizen', 'ECZ-2', 300_00)]);
    expect(same.outcomes).toEqual([{ added: 1, alreadyKnown: 1 }]);
    const other = storeInTurn([payment('mpesa', 'QC1', 300_00, 'ECZ-2'), payment('ecitizen', 'ECZ-2', 250_00)]);
    expect(other.outcomes).toEqual([{ added: 2, alreadyKnown: 0 }]);
  });

  it('finds the same keys across calls, whichever source came first', () => {
    const r = storeInTurn(
      [payment('mpesa', 'QD1', 300_00, 'ECZ-3'), payment('ecitizen', 'ECZ-4', 500_00)],
      [payment('ecitizen', 'ECZ-3', 300_00), payment('mpesa', 'QD2', 500_00, 'ECZ-4'), payment('mpesa', 'QD1', 300_00), payment('mpesa', 'QD3', 100_00)],
      [payment('mpesa', 'QD2', 500_00), payment('ecitizen', 'ECZ-3', 300_00)],
    );
    expect(r.outcomes).toEqual([
      { added: 2, alreadyKnown: 0 },
      { added: 1, alreadyKnown: 3 },
      { added: 0, alreadyKnown: 2 },
    ]);
  });
});
