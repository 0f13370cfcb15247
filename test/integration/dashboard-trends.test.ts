import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TREND_WEEKS } from '../../src/main/dashboard/trends.js';
import { makeDesk, seedApplication, type TestDesk } from './support/tempDesk.js';

let t: TestDesk;
const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** An application submitted at one instant and decided by the officer at another, both on the desk's clock. */
async function decided(submittedAt: string, decidedAt: string, action: 'approve' | 'return' = 'approve') {
  t.clock.set(submittedAt);
  const applicationId = seedApplication(t.desk);
  t.clock.set(decidedAt);
  const result =
    action === 'approve'
      ? ok(await t.desk.dispatch('application.approve', { applicationId }, t.actors.officer))
      : ok(await t.desk.dispatch('application.return', { applicationId, reason: 'Attach your CPD certificates' }, t.actors.officer));
  return { ...result, applicationId };
}

let txn = 0;
/** The eCitizen payment of an approved application's invoice, imported (and matched) at `at`. */
async function paid(billRef: string, amountCents: number, at: string) {
  t.clock.set(at);
  txn++;
  const csv = [
    'invoice_number,client_invoice_ref,amount_paid,invoice_amount,currency,payment_date,payment_channel,phone_number,status',
    `ECZ-W${txn},${billRef},${amountCents / 100},${amountCents / 100},KES,${at},MPESA,254712345678,settled`,
  ].join('\n');
  const report = ok(
    await t.desk.dispatch('payments.import', { fileName: `week-${txn}.csv`, dataBase64: Buffer.from(csv).toString('base64'), dryRun: false }, t.actors.officer),
  );
  expect(report.matched.exact_reference).toBe(1);
}

// The test clock's now is Wednesday 25 November 2026, 10:30 in Nairobi: this week began on Monday 23
// November, and the twelve weeks shown began on Monday 7 September (Sunday 6 September, 21:00 UTC).
beforeAll(async () => {
  t = await makeDesk();
  // Sunday 6 September, 23:59 Nairobi: the week before the twelve, counted nowhere.
  await decided('2026-09-06T10:59:00Z', '2026-09-06T20:59:00Z', 'return');
  // A minute later it is Monday in Nairobi (still Sunday in UTC): the first of the twelve weeks. 10 hours.
  const first = await decided('2026-09-06T11:00:00Z', '2026-09-06T21:00:00Z');
  await paid(first.billRef!, first.amountDueCents!, '2026-09-06T21:00:00Z');
  // Sunday 22 November, 23:59 Nairobi: the week of 16 November. 20 hours.
  const sunday = await decided('2026-11-22T00:59:00Z', '2026-11-22T20:59:00Z');
  await paid(sunday.billRef!, sunday.amountDueCents!, '2026-11-22T20:59:00Z');
  // Monday 23 November, 00:00 Nairobi: this week. 30 hours, then 60 hours.
  await decided('2026-11-21T15:00:00Z', '2026-11-22T21:00:00Z', 'return');
  await decided('2026-11-22T15:00:00Z', '2026-11-25T03:00:00Z');
  // The first week's licence, issued, sent to Nairobi and collected there on Monday 23 November, 00:00 Nairobi.
  t.clock.set('2026-11-22T20:00:00Z');
  ok(await t.desk.dispatch('licence.issue', { applicationIds: [first.applicationId] }, t.actors.officer));
  const batch = ok(await t.desk.dispatch('batch.create', { centreId: t.centres.nairobi }, t.actors.officer));
  ok(await t.desk.dispatch('batch.receive', { batchId: batch.id }, t.actors.clerk));
  const licenceId = ok(await t.desk.query('licences.list', { batchId: batch.id }, t.actors.clerk)).rows[0]!.id;
  t.clock.set('2026-11-22T21:00:00Z');
  ok(await t.desk.dispatch('licence.collect', { licenceId, collector: 'holder' }, t.actors.clerk));
  t.clock.set('2026-11-25T07:30:00Z');
});
afterAll(async () => {
  await t.desk.close();
});

describe('the dashboard trends', () => {
  it('count decisions, payments matched and licences collected per Nairobi week, the twelve weeks to now, empty weeks as zeros', async () => {
    const { weeks } = ok(await t.desk.query('dashboard.trends', {}, t.actors.auditor));
    expect(weeks).toHaveLength(TREND_WEEKS);
    expect(weeks[0]!.weekOf).toBe('2026-09-07');
    expect(weeks.at(-1)!.weekOf).toBe('2026-11-23');
    const busy = weeks.filter((w) => w.decisions + w.paymentsMatched + w.licencesCollected > 0);
    expect(busy).toEqual([
      { weekOf: '2026-09-07', decisions: 1, paymentsMatched: 1, licencesCollected: 0 },
      { weekOf: '2026-11-16', decisions: 1, paymentsMatched: 1, licencesCollected: 0 },
      { weekOf: '2026-11-23', decisions: 2, paymentsMatched: 0, licencesCollected: 1 },
    ]);
    // Every week is there, seven days apart.
    weeks.slice(1).forEach((w, i) => expect(Date.parse(w.weekOf) - Date.parse(weeks[i]!.weekOf)).toBe(7 * 86_400_000));
  });

  it("give each officer's median time to decision over those weeks (the middle two averaged)", async () => {
    const { officers } = ok(await t.desk.query('dashboard.trends', {}, t.actors.officer));
    expect(officers).toEqual([{ officer: 'officer', decided: 4, medianHours: 25 }]);
  });

  it('move with the desk clock: a week later the oldest week drops off', async () => {
    t.clock.set('2026-12-02T07:30:00Z');
    try {
      const { weeks, officers } = ok(await t.desk.query('dashboard.trends', {}, t.actors.admin));
      expect(weeks[0]!.weekOf).toBe('2026-09-14');
      expect(weeks.at(-1)).toEqual({ weekOf: '2026-11-30', decisions: 0, paymentsMatched: 0, licencesCollected: 0 });
      expect(weeks.reduce((n, w) => n + w.decisions, 0)).toBe(3);
      expect(officers).toEqual([{ officer: 'officer', decided: 3, medianHours: 30 }]);
    } finally {
      t.clock.set('2026-11-25T07:30:00Z');
    }
  });

  it('are not shown to a clerk', async () => {
    expect((await t.desk.query('dashboard.trends', {}, t.actors.clerk)).ok).toBe(false);
  });
});
