import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, queries } from '../../src/shared/contract/index.js';
import type { Role } from '../../src/shared/permissions.js';
import { paidApplication } from './support/paid.js';
import { makeDesk, type TestDesk } from './support/tempDesk.js';
import { COMMAND_INPUTS, QUERY_INPUTS } from './support/validInputs.js';

const ALL: Role[] = ['admin', 'officer', 'clerk', 'auditor'];

/** Written out from DOMAIN.md "Roles and permissions", not derived from the code. */
const COMMAND_ROLES: Record<string, Role[]> = {
  'application.approve': ['officer'],
  'application.reject': ['officer'],
  'application.return': ['officer'],
  'applications.import': ['admin', 'officer'],
  'user.create': ['admin'],
  'user.update': ['admin'],
  'user.setPassword': ['admin'],
  'centre.create': ['admin'],
  'centre.update': ['admin'],
  'fee.set': ['admin'],
  'setting.set': ['admin'],
  'settings.save': ['admin'],
  'report.exported': ALL,
  'sms.resend': ['admin', 'officer'],
  'sms.cancel': ['admin', 'officer'],
  'sms.resume': ['admin'],
  'smsTemplate.set': ['admin'],
  // A test SMS through this desk's gateway settings: the administrator's, like the settings.
  'sms.sendTest': ['admin'],
  'sms.deliveryReport': [],
  'payments.import': ['admin', 'officer'],
  // eCitizen's objects as the central service receives them: the same right as importing the file.
  'applications.receive': ['admin', 'officer'],
  'payments.receive': ['admin', 'officer'],
  'payments.autoMatch': ['officer'],
  'payment.match': ['officer'],
  'payments.acceptSuggestions': ['officer'],
  'payment.unmatch': ['officer'],
  'payment.ignore': ['officer'],
  'payment.flagRefund': ['officer'],
  'payment.refundMade': ['officer'],
  'invoice.refundMade': ['officer'],
  'licence.issue': ['officer'],
  'licence.reassign': ['officer'],
  'licence.revoke': ['officer'],
  'batch.create': ['officer'],
  'batch.receive': ['clerk'],
  'licence.collect': ['clerk'],
  // DOMAIN.md: sync settings are the admin's; any user may clear their own refused changes.
  // INTERFACES.md: only an administrator of the central service can join a desk (a clerk's desk
  // for their centre too): the permission lets every user in, the command refuses all but admin.
  'sync.join': ['admin'],
  'sync.joinAgain': ['admin'],
  'sync.leave': ['admin'],
  'sync.dismiss': ALL,
  'sync.registerDesk': ['admin'],
  // Withdrawing a desk from the central service is the admin's, like joining one.
  'sync.withdrawDesk': ['admin'],
  'backup.create': ['admin'],
  'backup.restoreAtStart': ['admin'],
};
const QUERY_ROLES: Record<string, Role[]> = {
  'applications.list': ['admin', 'officer', 'auditor'],
  'application.detail': ['admin', 'officer', 'auditor'],
  'application.smsPreview': ['admin', 'officer', 'auditor'],
  'applications.facets': ['admin', 'officer', 'auditor'],
  'sms.list': ['admin', 'officer', 'auditor'],
  'sms.summary': ALL,
  'sms.detail': ['admin', 'officer', 'auditor'],
  'smsTemplates.list': ['admin'],
  'users.list': ['admin'],
  'centres.list': ALL,
  'fees.list': ALL,
  'settings.list': ['admin'],
  'audit.verify': ['admin', 'auditor'],
  'payments.list': ['admin', 'officer', 'auditor'],
  'payment.detail': ['admin', 'officer', 'auditor'],
  'invoices.list': ['admin', 'officer', 'auditor'],
  'payments.totals': ['admin', 'officer', 'auditor'],
  'payments.strongSuggestions': ['admin', 'officer', 'auditor'],
  'licences.list': ALL,
  'licence.detail': ALL,
  'batches.list': ALL,
  'batch.manifestPdf': ALL,
  'licence.certificatesPdf': ['officer'],
  'licence.verify': ALL,
  'licence.publicKey': ALL,
  'audit.list': ['admin', 'auditor'],
  'reports.preview': ALL,
  'exports.policy': ALL,
  'dashboard.summary': ALL,
  'dashboard.trends': ['admin', 'officer', 'auditor'],
  'sync.status': ALL,
  'sync.desks': ['admin'],
  // Help, About: the version and the data folder, for anyone signed in.
  'desk.about': ALL,
  'backups.list': ['admin'],
};

/**
 * An allowed role, with valid input, gets a result or a domain refusal: never forbidden, never a
 * schema refusal (the fixture is valid), never an internal error (a handler that crashed).
 */
function expectServed(r: { ok: true } | { ok: false; error: { code: string; message: string } }) {
  if (r.ok) return;
  expect(['forbidden', 'internal', 'invalid_input'], `${r.error.code}: ${r.error.message}`).not.toContain(r.error.code);
}

let t: TestDesk;
beforeAll(async () => {
  t = await makeDesk();
  // A licence issued for Nairobi, for batch.create to dispatch.
  const issued = await t.desk.dispatch('licence.issue', { applicationIds: [await paidApplication(t.desk, t.actors.officer)] }, t.actors.officer);
  if (!issued.ok) throw new Error(issued.error.message);
});
afterAll(async () => {
  await t.desk.close();
});

describe('the permission table', () => {
  it('names every command and query of the contract', () => {
    expect(Object.keys(COMMAND_ROLES).sort()).toEqual(Object.keys(commands).sort());
    expect(Object.keys(QUERY_ROLES).sort()).toEqual(Object.keys(queries).sort());
  });

  for (const [name, allowed] of Object.entries(COMMAND_ROLES)) {
    for (const role of ALL) {
      const expected = allowed.includes(role) ? 'allowed' : 'refused';
      it(`command ${name} is ${expected} for the ${role} role`, async () => {
        const r = await t.desk.dispatch(name as keyof typeof commands, COMMAND_INPUTS[name as keyof typeof commands](t), t.actors[role]);
        if (expected === 'refused') expect(!r.ok && r.error.code).toBe('forbidden');
        else expectServed(r);
      });
    }
  }

  for (const [name, allowed] of Object.entries(QUERY_ROLES)) {
    for (const role of ALL) {
      const expected = allowed.includes(role) ? 'allowed' : 'refused';
      it(`query ${name} is ${expected} for the ${role} role`, async () => {
        const r = await t.desk.query(name as keyof typeof queries, QUERY_INPUTS[name as keyof typeof queries](t), t.actors[role]);
        if (expected === 'refused') expect(!r.ok && r.error.code).toBe('forbidden');
        else expectServed(r);
      });
    }
  }

  it('an administrator cannot decide an application (separation of duties)', async () => {
    const r = await t.desk.dispatch('application.approve', { applicationId: 'x' }, t.actors.admin);
    expect(!r.ok && r.error.code).toBe('forbidden');
  });
});
