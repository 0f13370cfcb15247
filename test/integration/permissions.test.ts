import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, queries } from '../../src/shared/contract/index.js';
import type { Role } from '../../src/shared/permissions.js';
import { makeDesk, type TestDesk } from './support/tempDesk.js';

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
  // DOMAIN.md: sync settings are the admin's; any user may clear their own refused changes, and
  // any user of the central service may sign in there to join a desk (a clerk's for their centre).
  'sync.join': ['admin'],
  'sync.joinAgain': ['admin'],
  'sync.leave': ['admin'],
  'sync.dismiss': ALL,
  'sync.registerDesk': ALL,
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

let t: TestDesk;
beforeAll(async () => {
  t = await makeDesk();
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
        const r = await t.desk.dispatch(name as keyof typeof commands, {}, t.actors[role]);
        // Allowed roles get past the permission check (then fail on the empty input); others are refused.
        if (expected === 'refused') expect(!r.ok && r.error.code).toBe('forbidden');
        else expect(r.ok || r.error.code !== 'forbidden').toBe(true);
      });
    }
  }

  for (const [name, allowed] of Object.entries(QUERY_ROLES)) {
    for (const role of ALL) {
      const expected = allowed.includes(role) ? 'allowed' : 'refused';
      it(`query ${name} is ${expected} for the ${role} role`, async () => {
        const r = await t.desk.query(name as keyof typeof queries, {}, t.actors[role]);
        if (expected === 'refused') expect(!r.ok && r.error.code).toBe('forbidden');
        else expect(r.ok || r.error.code !== 'forbidden').toBe(true);
      });
    }
  }

  it('an administrator cannot decide an application (separation of duties)', async () => {
    const r = await t.desk.dispatch('application.approve', { applicationId: 'x' }, t.actors.admin);
    expect(!r.ok && r.error.code).toBe('forbidden');
  });
});
