import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isValidBillRef } from '../../src/shared/billRef.js';
import { count, makeDesk, seedApplication, type TestDesk } from './support/tempDesk.js';

let t: TestDesk;
beforeEach(async () => {
  t = await makeDesk();
});
afterEach(async () => {
  await t.desk.close();
});

describe('approving an application', () => {
  it('raises an invoice at the fee for its cadre and year and queues the approval SMS with amount and bill reference', async () => {
    const id = seedApplication(t.desk, { firstName: 'Achieng', phone: '254722000111', cadre: 'technician' });
    const r = await t.desk.dispatch('application.approve', { applicationId: id }, t.actors.officer);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.state).toBe('approved');
    expect(r.value.amountDueCents).toBe(200_000);
    expect(isValidBillRef(r.value.billRef!)).toBe(true);
    expect(r.value.billRef!.length).toBeLessThanOrEqual(12);

    const sms = t.desk.sqlite.prepare('SELECT * FROM sms_messages WHERE id = ?').get(r.value.smsId) as Record<string, string>;
    expect(sms.phone).toBe('254722000111');
    expect(sms.state).toBe('queued');
    expect(sms.event).toBe('approved');
    expect(sms.body).toContain('Achieng');
    expect(sms.body).toContain('KES 2,000.00');
    expect(sms.body).toContain(r.value.billRef!);

    const detail = await t.desk.query('application.detail', { id }, t.actors.officer);
    expect(detail.ok && detail.value.invoice).toMatchObject({ billRef: r.value.billRef, amountDueCents: 200_000, state: 'unpaid' });
    expect(detail.ok && detail.value.decidedBy).toBe('officer');
    expect(detail.ok && detail.value.history.map((h) => h.action)).toEqual(['approve']);
  });

  it('sends the SMS in Kiswahili to an applicant who chose it', async () => {
    const id = seedApplication(t.desk, { language: 'sw' });
    const r = await t.desk.dispatch('application.approve', { applicationId: id }, t.actors.officer);
    const body = (t.desk.sqlite.prepare('SELECT body FROM sms_messages WHERE id = ?').get(r.ok && r.value.smsId) as { body: string }).body;
    expect(body).toMatch(/^Mpendwa/);
  });

  it('needs a written reason when the application has review flags', async () => {
    const id = seedApplication(t.desk, { cpdPoints: 2 });
    const without = await t.desk.dispatch('application.approve', { applicationId: id }, t.actors.officer);
    expect(without.ok).toBe(false);
    expect(!without.ok && without.error).toMatchObject({ code: 'invalid_input', field: 'reason' });
    const withReason = await t.desk.dispatch('application.approve', { applicationId: id, reason: 'CPD evidence seen on paper' }, t.actors.officer);
    expect(withReason.ok).toBe(true);
  });

  it('is refused without a fee for the cadre and year, and changes nothing', async () => {
    const id = seedApplication(t.desk, { licenceYear: 2031 });
    const auditBefore = count(t.desk, 'audit_events');
    const r = await t.desk.dispatch('application.approve', { applicationId: id }, t.actors.officer);
    expect(!r.ok && r.error.code).toBe('not_configured');
    expect(!r.ok && r.error.message).toContain('2031');
    expect(count(t.desk, 'applications', "id = ? AND state = 'submitted'", id)).toBe(1);
    expect(count(t.desk, 'invoices')).toBe(0);
    expect(count(t.desk, 'sms_messages')).toBe(0);
    expect(count(t.desk, 'audit_events')).toBe(auditBefore);
  });

  it('queues no SMS to a number that is not a Kenyan mobile, and says so', async () => {
    const id = seedApplication(t.desk, { phone: null });
    const r = await t.desk.dispatch('application.approve', { applicationId: id, reason: 'Phone to be corrected by the applicant' }, t.actors.officer);
    expect(r.ok && r.value.smsId).toBeNull();
    expect(r.ok && r.value.smsProblem).toMatch(/not a Kenyan mobile number/);
    expect(count(t.desk, 'sms_messages')).toBe(0);
  });
});

describe('rejecting and returning', () => {
  it('a rejection needs a reason, and the reason goes into the SMS', async () => {
    const id = seedApplication(t.desk);
    const none = await t.desk.dispatch('application.reject', { applicationId: id, reason: '' }, t.actors.officer);
    expect(!none.ok && none.error.field).toBe('reason');
    const r = await t.desk.dispatch('application.reject', { applicationId: id, reason: 'Practitioner suspended by the Board' }, t.actors.officer);
    expect(r.ok && r.value.state).toBe('rejected');
    const body = (t.desk.sqlite.prepare('SELECT body FROM sms_messages').get() as { body: string }).body;
    expect(body).toContain('Practitioner suspended by the Board');
    expect(count(t.desk, 'invoices')).toBe(0);
  });

  it('a returned application says what is missing', async () => {
    const id = seedApplication(t.desk);
    const r = await t.desk.dispatch('application.return', { applicationId: id, reason: 'Attach your CPD certificates' }, t.actors.officer);
    expect(r.ok && r.value.state).toBe('returned');
    expect(t.desk.sqlite.prepare('SELECT body, event FROM sms_messages').get() as { body: string; event: string }).toMatchObject({
      event: 'returned',
      body: expect.stringContaining('Attach your CPD certificates'),
    });
  });
});

describe('the state machine', () => {
  it('refuses to decide an application twice, with a clear message, and changes nothing', async () => {
    const id = seedApplication(t.desk);
    await t.desk.dispatch('application.approve', { applicationId: id }, t.actors.officer);
    const again = await t.desk.dispatch('application.reject', { applicationId: id, reason: 'Changed my mind' }, t.actors.officer);
    expect(!again.ok && again.error).toMatchObject({ code: 'invalid_transition', message: 'This application is approved, so it cannot be rejected.' });
    expect(count(t.desk, 'applications', "state = 'approved'")).toBe(1);
    expect(count(t.desk, 'sms_messages')).toBe(1);
  });

  it('answers an unknown application as not found', async () => {
    const r = await t.desk.dispatch('application.approve', { applicationId: 'nope' }, t.actors.officer);
    expect(!r.ok && r.error.code).toBe('not_found');
  });
});

describe('dispatch', () => {
  it('applies an op once: the same op id sent again is a duplicate, not a second approval', async () => {
    const id = seedApplication(t.desk);
    const first = await t.desk.dispatch('application.approve', { applicationId: id }, t.actors.officer, { opId: 'op-1' });
    const second = await t.desk.dispatch('application.approve', { applicationId: id }, t.actors.officer, { opId: 'op-1' });
    expect(first.ok && second.ok).toBe(true);
    expect(second.duplicate).toBe(true);
    expect(second.ok && second.value).toEqual(first.ok && first.value);
    expect(count(t.desk, 'sms_messages')).toBe(1);
    expect(count(t.desk, 'audit_events', "action = 'application.approve'")).toBe(1);
  });

  it('writes one audit event per command, naming the actor, the record and the fields before and after', async () => {
    const id = seedApplication(t.desk);
    await t.desk.dispatch('application.reject', { applicationId: id, reason: 'Not on the register' }, t.actors.officer);
    const e = t.desk.sqlite.prepare("SELECT * FROM audit_events WHERE action = 'application.reject'").get() as Record<string, string>;
    expect(e.actor_name).toBe('officer');
    expect(e.entity_id).toBe(id);
    expect(JSON.parse(e.before!)).toMatchObject({ state: 'submitted' });
    expect(JSON.parse(e.after!)).toMatchObject({ state: 'rejected', decisionReason: 'Not on the register' });
    expect(e.desk_id).toBe(t.desk.deskId);
  });

  it('refuses input that fails the schema, naming the field', async () => {
    const r = await t.desk.dispatch('fee.set', { cadre: 'surgeon', licenceYear: 2026, amountCents: 5 }, t.actors.admin);
    expect(!r.ok && r.error).toMatchObject({ code: 'invalid_input', field: 'cadre' });
  });
});
