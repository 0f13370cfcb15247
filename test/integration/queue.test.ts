import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDesk, seedApplication, type TestDesk } from './support/tempDesk.js';

let t: TestDesk;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await makeDesk();
  ids.wanjiru = seedApplication(t.desk, { firstName: 'Wanjiru', lastName: 'Kamau', nationalId: '23456789', phone: '254712000001', ref: 'APP-2026-000101' });
  ids.otieno = seedApplication(t.desk, {
    firstName: 'Brian',
    lastName: 'Otieno',
    nationalId: '30111222',
    phone: '254722000002',
    ref: 'APP-2026-000102',
    cadre: 'technician',
  });
  ids.mombasa = seedApplication(t.desk, { firstName: 'Fatuma', lastName: 'Hassan', ref: 'APP-2026-000103', centreId: t.centres.mombasa, cpdPoints: 3 });
  ids.older = seedApplication(t.desk, { firstName: 'Mary', lastName: 'Achieng', ref: 'APP-2025-000104', licenceYear: 2025 });
  await t.desk.dispatch('application.reject', { applicationId: ids.older, reason: 'Duplicate' }, t.actors.officer);
});
afterAll(async () => {
  await t.desk.close();
});

const list = async (input: Record<string, unknown>) => {
  const r = await t.desk.query('applications.list', input, t.actors.officer);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('the applications queue', () => {
  it('filters by state, year, cadre and centre in SQL', async () => {
    expect((await list({ state: 'submitted' })).total).toBe(3);
    expect((await list({ state: 'rejected' })).rows.map((r) => r.id)).toEqual([ids.older]);
    expect((await list({ licenceYear: 2025 })).total).toBe(1);
    expect((await list({ cadre: 'technician' })).rows.map((r) => r.id)).toEqual([ids.otieno]);
    expect((await list({ centreId: t.centres.mombasa })).rows.map((r) => r.id)).toEqual([ids.mombasa]);
  });

  it('finds an application by name, name prefix, national ID, phone in either form, or reference', async () => {
    const find = async (search: string) => (await list({ search })).rows.map((r) => r.id);
    expect(await find('kamau')).toEqual([ids.wanjiru]);
    expect(await find('wanj kam')).toEqual([ids.wanjiru]);
    expect(await find('30111222')).toEqual([ids.otieno]);
    expect(await find('0722000002')).toEqual([ids.otieno]);
    expect(await find('254712000001')).toEqual([ids.wanjiru]);
    expect(await find('APP-2026-000103')).toEqual([ids.mombasa]);
    expect(await find('nobody-like-this')).toEqual([]);
  });

  it('finds an approved application by its bill reference', async () => {
    // A desk of its own: the approval would change what the other tests count.
    const own = await makeDesk();
    try {
      const id = seedApplication(own.desk, { firstName: 'Brian', lastName: 'Otieno', nationalId: '30111222', ref: 'APP-2026-000102' });
      const r = await own.desk.dispatch('application.approve', { applicationId: id }, own.actors.officer);
      if (!r.ok) throw new Error(r.error.message);
      const found = await own.desk.query('applications.list', { search: r.value.billRef! }, own.actors.officer);
      expect(found.ok && found.value.rows.map((x) => x.id)).toEqual([id]);
    } finally {
      await own.desk.close();
    }
  });

  it('sorts and pages on the server', async () => {
    const byName = await list({ sort: 'name', dir: 'asc' });
    expect(byName.rows.map((r) => r.fullName)).toEqual(['Mary Achieng', 'Fatuma Hassan', 'Wanjiru Kamau', 'Brian Otieno']);
    const page1 = await list({ sort: 'name', dir: 'desc', pageSize: 3, page: 1 });
    expect(page1.total).toBe(4);
    expect(page1.rows.map((r) => r.fullName)).toEqual(['Mary Achieng']);
  });

  it('shows the review flags of an application with low CPD points', async () => {
    const d = await t.desk.query('application.detail', { id: ids.mombasa }, t.actors.officer);
    expect(d.ok && d.value.flags.map((f) => f.kind)).toEqual(['cpd_below_threshold']);
  });

  it('previews the SMS a decision would send', async () => {
    const p = await t.desk.query('application.smsPreview', { applicationId: ids.wanjiru, decision: 'reject', reason: 'Not registered' }, t.actors.officer);
    expect(p.ok && p.value).toMatchObject({ phone: '254712000001', encoding: 'GSM-7', parts: 1, text: expect.stringContaining('Reason: Not registered') });
  });
});
