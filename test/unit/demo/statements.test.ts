import { describe, expect, it } from 'vitest';
import { billRefFromNumber, isValidBillRef, oneCharacterCorrections } from '../../../src/shared/billRef.js';
import { parseNairobiDateTime } from '../../../src/shared/time.js';
import { DEMO_BASE_TIME } from '../../../src/main/demo/applications.js';
import { Random } from '../../../src/main/demo/random.js';
import { buildDemoStatements, oneTypo, PAYMENT_CASES, twoTypos, type DemoInvoice } from '../../../src/main/demo/statements.js';
import { parsePaymentsFile } from '../../../src/main/payments/parse/index.js';

const NOW = '2026-11-20T06:00:00Z';

function invoices(n: number): DemoInvoice[] {
  return Array.from({ length: n }, (_, i) => ({
    applicationRef: `PAL-S1-${String(i + 1).padStart(6, '0')}`,
    billRef: billRefFromNumber(BigInt(1_000_003 * (i + 7))),
    amountDueCents: i % 3 === 0 ? 200_000 : 300_000,
    submittedAt: new Date(Date.parse('2026-09-20T06:00:00Z') + i * 2 * 86_400_000).toISOString(),
    firstName: 'Wanjiru',
    middleName: i % 2 ? 'Akinyi' : '',
    lastName: `Kamau${i}`,
    phone: i % 5 === 4 ? null : `2547${String(10_000_000 + i).padStart(8, '0')}`,
    nationalId: String(20_000_000 + i),
    onlyInvoice: i % 4 !== 0,
  }));
}
const rejected = [
  {
    applicationRef: 'PAL-S1-000999',
    submittedAt: '2026-10-01T07:00:00Z',
    firstName: 'Otieno',
    middleName: '',
    lastName: 'Odhiambo',
    phone: '254722000111',
    feeCents: 300_000,
  },
];
const build = (seed: number, n = 30) => {
  const inv = invoices(n);
  return { inv, s: buildDemoStatements(new Random(seed), seed, inv, rejected, new Set(inv.map((i) => i.billRef))) };
};
const parse = (name: string, csv: string) => parsePaymentsFile(name, new TextEncoder().encode(csv), { now: NOW });

describe('demo payment statements', () => {
  it('are the same for the same seed and differ for another', () => {
    expect(build(3).s).toEqual(build(3).s);
    expect(build(3).s.mpesa.csv).not.toEqual(build(4).s.mpesa.csv);
  });

  it('are read by the payments parser without a problem: an eCitizen export and an M-Pesa statement with its preamble', () => {
    const { s } = build(1);
    const ecitizen = parse(s.ecitizen.fileName, s.ecitizen.csv);
    const mpesa = parse(s.mpesa.fileName, s.mpesa.csv);
    expect(ecitizen.problems).toEqual([]);
    expect(mpesa.problems).toEqual([]);
    expect(ecitizen.format).toBe('ecitizen-csv');
    expect(mpesa.format).toBe('mpesa-statement');
    expect(
      s.mpesa.csv
        .split('\r\n')
        .slice(0, 6)
        .map((l) => l.split(',')[0]),
    ).toEqual(['Account Holder:', 'Short Code:', 'Account:', 'Time Period:', 'Operator:', 'Report Date:']);
    // Not counted: eCitizen's pending and failed attempts; the statement's failed line, a payment
    // reversed the same day and its reversal line, and the paybill's charges.
    expect(ecitizen.notCounted.map((n) => n.reason)).toEqual(["status is 'pending', not settled", "status is 'failed', not settled"]);
    const reasons = mpesa.notCounted.map((n) => n.reason).join('\n');
    expect(reasons).toMatch(/Transaction Status is 'Failed'/);
    expect(reasons).toMatch(/reversed on line \d+/);
    expect(reasons).toMatch(/a reversal of \w+, not a payment/);
    expect(reasons.match(/a withdrawal of KES [\d.,]+ \('Business Pay Bill Charge'\)/g)).toHaveLength(2);
  });

  it("pay only after the application was made and never after the demo's fixed now, with the eCitizen access fee on top", () => {
    const { inv, s } = build(2);
    const byRef = new Map(inv.map((i) => [i.billRef, i]));
    const ecitizen = parse(s.ecitizen.fileName, s.ecitizen.csv).payments;
    const mpesa = parse(s.mpesa.fileName, s.mpesa.csv).payments;
    for (const p of [...ecitizen, ...mpesa]) expect(p.paidAt <= parseNairobiDateTime(DEMO_BASE_TIME)!).toBe(true);
    for (const p of ecitizen) {
      const invoice = byRef.get(p.referenceTyped)!;
      expect(p.paidAt > invoice.submittedAt).toBe(true);
      expect(p.amountCents - invoice.amountDueCents).toBeGreaterThanOrEqual(500);
      expect(p.amountCents - invoice.amountDueCents).toBeLessThanOrEqual(5_000);
    }
    // The payment in both files: the statement's A/C No. is the eCitizen invoice number, same amount.
    const both = ecitizen.filter((e) => mpesa.some((m) => m.otherSourceKey === e.transactionId && m.amountCents === e.amountCents));
    expect(both).toHaveLength(1);
    expect(byRef.get(both[0]!.referenceTyped)!.applicationRef).toBe(s.cases.both_sources);
  });

  it('hand out every case once when there are enough invoices, and the first ones to a small demo', () => {
    const { s } = build(5);
    expect(Object.keys(s.cases)).toEqual([...PAYMENT_CASES]);
    expect(new Set(Object.values(s.cases)).size).toBe(PAYMENT_CASES.length);
    expect(s.byHand.match && s.byHand.notOurs && s.byHand.refund).toBeTruthy();
    const small = build(5, 4).s;
    expect(Object.keys(small.cases)).toEqual(PAYMENT_CASES.slice(0, 4));
    expect(parse(small.mpesa.fileName, small.mpesa.csv).problems).toEqual([]);
  });

  it('mistype references as payers do: one character is caught by the check character, two are not', () => {
    const rng = new Random(8);
    const refs = invoices(40).map((i) => i.billRef);
    const known = new Set(refs);
    for (const ref of refs) {
      const one = oneTypo(rng, ref, known);
      expect(isValidBillRef(one)).toBe(false);
      expect(oneCharacterCorrections(one).filter((c) => known.has(c))).toEqual([ref]);
      const two = twoTypos(rng, ref, known);
      expect(isValidBillRef(two)).toBe(false);
      expect(oneCharacterCorrections(two).filter((c) => known.has(c))).toEqual([]);
    }
  });
});
