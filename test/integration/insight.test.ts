import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paidApplication } from './support/paid.js';
import { makeDesk, seedApplication, type TestDesk } from './support/tempDesk.js';

let t: TestDesk;
const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

beforeAll(async () => {
  t = await makeDesk();
  const paid = await paidApplication(t.desk, t.actors.officer);
  ok(await t.desk.dispatch('licence.issue', { applicationIds: [paid] }, t.actors.officer));
  ok(await t.desk.dispatch('batch.create', { centreId: t.centres.nairobi }, t.actors.officer));
  seedApplication(t.desk);
  seedApplication(t.desk);
  ok(await t.desk.dispatch('application.return', { applicationId: seedApplication(t.desk), reason: 'Attach your CPD certificates' }, t.actors.officer));
});
afterAll(async () => {
  await t.desk.close();
});

describe('the dashboard', () => {
  it('shows an officer the queue by age and the work waiting', async () => {
    const d = ok(await t.desk.query('dashboard.summary', {}, t.actors.officer));
    expect(d.queueByAge!.map((a) => a.count)).toEqual([2, 0, 0, 0]);
    expect(d).toMatchObject({ approvedUnpaid: 0, paymentsUnmatched: 0, licencesToDispatch: 0 });
  });

  it("shows a clerk their centre's batches on the way", async () => {
    expect(ok(await t.desk.query('dashboard.summary', {}, t.actors.clerk))).toMatchObject({ batchesOnTheWay: 1 });
    expect(ok(await t.desk.query('dashboard.summary', {}, t.actors.clerkOther))).toMatchObject({ batchesOnTheWay: 0 });
  });

  it("shows auditors the year's funnel and the turnaround per officer", async () => {
    const d = ok(await t.desk.query('dashboard.summary', {}, t.actors.auditor));
    expect(d.funnel).toEqual([
      { stage: 'submitted', count: 4 },
      { stage: 'approved', count: 1 },
      { stage: 'paid', count: 1 },
      { stage: 'licensed', count: 1 },
      { stage: 'collected', count: 0 },
    ]);
    expect(d.turnaround).toEqual([{ officer: 'officer', decided: 2, medianHours: expect.any(Number) }]);
  });
});

describe('the audit trail screen', () => {
  it('lists events newest first, filtered by actor, action and entity, with before and after', async () => {
    const all = ok(await t.desk.query('audit.list', {}, t.actors.auditor));
    expect(all.rows[0]!.seq).toBe(all.total);
    const returns = ok(await t.desk.query('audit.list', { action: 'application.return' }, t.actors.auditor));
    expect(returns.total).toBe(1);
    expect(returns.rows[0]).toMatchObject({ actor: 'officer', entity: 'application', before: { state: 'submitted' }, after: { state: 'returned' } });
    expect(ok(await t.desk.query('audit.list', { actor: 'nobody' }, t.actors.auditor)).total).toBe(0);
    expect((await t.desk.query('audit.list', {}, t.actors.officer)).ok).toBe(false);
  });
});

describe('report previews', () => {
  it('show the first rows as stored (the screen formats them), and say when there are more', async () => {
    const p = ok(await t.desk.query('reports.preview', { report: 'applications', limit: 2 }, t.actors.auditor));
    expect(p.columns.map((c) => c.key)).toContain('amount_due');
    expect(p.rows).toHaveLength(2);
    expect(p.more).toBe(true);
    expect(p.rows[0]![p.columns.findIndex((c) => c.key === 'amount_due')]).toBe(300000);
  });
});
