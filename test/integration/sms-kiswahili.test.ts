import { afterEach, describe, expect, it } from 'vitest';
import { makeDesk, seedApplication, type TestDesk } from './support/tempDesk.js';
import { paidApplication } from './support/paid.js';

// Every SMS an applicant who chose Kiswahili receives, made by the commands staff use, word for word.

let t: TestDesk;
afterEach(async () => {
  await t.desk.close();
});

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const smsOf = (applicationId: string, event: string) =>
  t.desk.sqlite.prepare('SELECT body FROM sms_messages WHERE application_id = ? AND event = ?').pluck().get(applicationId, event) as string | undefined;

const swahili = { language: 'sw' as const, firstName: 'Wambũi' };

describe('SMS in Kiswahili', () => {
  it('approval, rejection and return', async () => {
    t = await makeDesk();
    const approved = seedApplication(t.desk, { ...swahili, ref: 'APP-2026-510001' });
    const billRef = ok(await t.desk.dispatch('application.approve', { applicationId: approved }, t.actors.officer)).billRef;
    expect(smsOf(approved, 'approved')).toBe(
      `Mpendwa Wambũi, ombi lako la leseni ya KMLTTB APP-2026-510001 (2026) limeidhinishwa. Lipa KES 3,000.00 kupitia eCitizen kwa nambari ya malipo ${billRef}.`,
    );

    const rejected = seedApplication(t.desk, { ...swahili, ref: 'APP-2026-510002' });
    ok(await t.desk.dispatch('application.reject', { applicationId: rejected, reason: 'Hayupo kwenye rejista' }, t.actors.officer));
    expect(smsOf(rejected, 'rejected')).toBe(
      'Mpendwa Wambũi, ombi lako la kuhuisha leseni ya KMLTTB APP-2026-510002 la mwaka 2026 halikuidhinishwa. Sababu: Hayupo kwenye rejista',
    );

    const returned = seedApplication(t.desk, { ...swahili, ref: 'APP-2026-510003' });
    ok(await t.desk.dispatch('application.return', { applicationId: returned, reason: 'Pakia cheti cha CPD.' }, t.actors.officer));
    expect(smsOf(returned, 'returned')).toBe(
      'Mpendwa Wambũi, ombi lako la leseni ya KMLTTB APP-2026-510003 linahitaji maelezo zaidi: Pakia cheti cha CPD. Lirekebishe kwenye eCitizen.',
    );
  });

  it('payment received, and the licence ready at the centre', async () => {
    t = await makeDesk();
    const id = await paidApplication(t.desk, t.actors.officer, swahili);
    const billRef = t.desk.sqlite.prepare('SELECT bill_ref FROM invoices WHERE application_id = ?').pluck().get(id) as string;
    expect(smsOf(id, 'paid')).toBe(`Mpendwa Wambũi, tumepokea KES 3,000.00 kwa nambari ya malipo ${billRef}. Leseni yako ya mwaka 2026 itatolewa.`);

    ok(await t.desk.dispatch('licence.issue', { applicationIds: [id] }, t.actors.officer));
    const batch = ok(await t.desk.dispatch('batch.create', { centreId: t.centres.nairobi }, t.actors.officer));
    ok(await t.desk.dispatch('batch.receive', { batchId: batch.id }, t.actors.clerk));
    const licenceNo = t.desk.sqlite.prepare('SELECT licence_no FROM licences WHERE application_id = ?').pluck().get(id) as string;
    expect(smsOf(id, 'at_centre')).toBe(
      `Mpendwa Wambũi, leseni yako ya KMLTTB ${licenceNo} iko tayari kuchukuliwa katika RBTC Nairobi, Nairobi. Leta kitambulisho chako.`,
    );
  });
});
