import { afterEach, describe, expect, it } from 'vitest';
import { makeDesk, seedApplication, type TestDesk } from './support/tempDesk.js';
import { paidApplication } from './support/paid.js';

// What the settings an administrator changes do to the work (settings-groups.test.ts checks that they are stored).

let t: TestDesk;
afterEach(async () => {
  await t.desk.close();
});

async function set(key: string, value: string): Promise<void> {
  const r = await t.desk.dispatch('setting.set', { key, value }, t.actors.admin);
  if (!r.ok) throw new Error(r.error.message);
}

let txn = 0;
/** An approved technologist (fee KES 3,000.00) who then pays `amount` shillings against the bill reference. */
async function approvedAndPaid(amount: string) {
  const applicationId = seedApplication(t.desk);
  const approved = await t.desk.dispatch('application.approve', { applicationId }, t.actors.officer);
  if (!approved.ok) throw new Error(approved.error.message);
  txn++;
  const csv = [
    'invoice_number,client_invoice_ref,amount_paid,invoice_amount,currency,payment_date,payment_channel,phone_number,status',
    `ECZ-S${txn},${approved.value.billRef},${amount},3000.00,KES,2026-11-24 10:00:00+03:00,MPESA,254712345678,settled`,
  ].join('\n');
  const imported = await t.desk.dispatch(
    'payments.import',
    { fileName: `s${txn}.csv`, dataBase64: Buffer.from(csv).toString('base64'), dryRun: false },
    t.actors.officer,
  );
  if (!imported.ok) throw new Error(imported.error.message);
  const invoice = t.desk.sqlite
    .prepare('SELECT state, access_fee_cents AS fee, refund_due_cents AS refund FROM invoices WHERE application_id = ?')
    .get(applicationId) as { state: string; fee: number; refund: number };
  const application = t.desk.sqlite.prepare('SELECT state FROM applications WHERE id = ?').pluck().get(applicationId);
  return { invoice, application };
}

describe('the access-fee tolerance (payments.accessFeeToleranceKes)', () => {
  it('records up to KES 50 over the fee as the access fee, and one cent more as an overpayment to refund', async () => {
    t = await makeDesk();
    expect(await approvedAndPaid('3050.00')).toEqual({ invoice: { state: 'paid', fee: 5_000, refund: 0 }, application: 'paid' });
    expect(await approvedAndPaid('3050.01')).toEqual({ invoice: { state: 'overpaid', fee: 0, refund: 5_001 }, application: 'paid' });
  });

  it('follows the setting when an administrator changes it', async () => {
    t = await makeDesk();
    await set('payments.accessFeeToleranceKes', '0');
    expect(await approvedAndPaid('3000.00')).toMatchObject({ invoice: { state: 'paid', fee: 0, refund: 0 } });
    expect(await approvedAndPaid('3030.00')).toMatchObject({ invoice: { state: 'overpaid', fee: 0, refund: 3_000 } });
    await set('payments.accessFeeToleranceKes', '100');
    expect(await approvedAndPaid('3100.00')).toMatchObject({ invoice: { state: 'paid', fee: 10_000, refund: 0 } });
  });
});

describe('the licence number prefix (licence.prefix)', () => {
  it('starts every licence issued after the change, and leaves earlier numbers as they were', async () => {
    t = await makeDesk();
    const issue = async () => {
      const id = await paidApplication(t.desk, t.actors.officer);
      const r = await t.desk.dispatch('licence.issue', { applicationIds: [id] }, t.actors.officer);
      if (!r.ok) throw new Error(r.error.message);
      return t.desk.sqlite.prepare('SELECT licence_no FROM licences WHERE application_id = ?').pluck().get(id) as string;
    };
    const before = await issue();
    await set('licence.prefix', 'KMLTTB-B');
    const after = await issue();
    expect(before).toMatch(/^KMLTTB\/2026\/\d+$/);
    expect(after).toMatch(/^KMLTTB-B\/2026\/\d+$/);
    expect(t.desk.sqlite.prepare('SELECT licence_no FROM licences ORDER BY licence_no').pluck().all()).toEqual([before, after].sort());
  });
});

describe('the CPD points expected (review.cpdThreshold)', () => {
  it('flags applications below it, and raising or lowering it updates the flags of applications already waiting', async () => {
    t = await makeDesk();
    const id = seedApplication(t.desk, { cpdPoints: 22 });
    const flagged = async () => {
      const r = await t.desk.query('applications.list', { flagged: true }, t.actors.officer);
      if (!r.ok) throw new Error(r.error.message);
      return r.value.rows.map((row) => row.id);
    };
    await set('review.cpdThreshold', '25');
    expect(await flagged()).toEqual([id]);
    const detail = await t.desk.query('application.detail', { id }, t.actors.officer);
    expect(detail.ok && detail.value.flags).toEqual([{ kind: 'cpd_below_threshold', message: "CPD points 22 are below the year's threshold of 25." }]);
    await set('review.cpdThreshold', '22');
    expect(await flagged()).toEqual([]);
  });
});
