import { describe, expect, it } from 'vitest';
import { can, isCentreScoped, PERMISSIONS, ROLES, type Permission, type Role } from '../../../src/shared/permissions.js';

/*
 * DOMAIN.md "Roles and permissions", written out by hand from the document (not from the code):
 *
 * | action                                                          | admin | officer | clerk            | auditor |
 * | read applications, payments, licences                           | yes   | yes     | own centre's lic.| yes     |
 * | approve / reject / return an application                        | —     | yes     | —                | —       |
 * | import applications or payment statements                       | yes   | yes     | —                | —       |
 * | reconcile: auto-match, manual match/unmatch, flag refund        | —     | yes     | —                | —       |
 * | issue licences, assign/reassign centre, dispatch batches        | —     | yes     | —                | —       |
 * | confirm a batch received, mark a licence collected              | —     | —       | own centre       | —       |
 * | run reports, export                                             | yes   | yes     | own centre       | yes     |
 * | view and verify the audit trail                                 | yes   | —       | —                | yes     |
 * | users, centres, fees, SMS templates and gateway, sync settings  | yes   | —       | —                | —       |
 *
 * Two permissions are not rows of that table and are our reading of the rest of DOMAIN.md:
 * - sms.read (the SMS queue): admin, who runs the gateway and must see a stopped queue; officers,
 *   whose decisions send them; auditors, who read everything but the clerk-only desk. Not clerks,
 *   who see only their centre's licences.
 * - session.self (one's own session and password): everyone.
 */
const Y = true;
const N = false;
const EXPECTED: Record<Permission, Record<Role, boolean>> = {
  'application.read': { admin: Y, officer: Y, clerk: N, auditor: Y },
  'application.decide': { admin: N, officer: Y, clerk: N, auditor: N },
  'application.import': { admin: Y, officer: Y, clerk: N, auditor: N },
  'payment.read': { admin: Y, officer: Y, clerk: N, auditor: Y },
  'payment.import': { admin: Y, officer: Y, clerk: N, auditor: N },
  'payment.reconcile': { admin: N, officer: Y, clerk: N, auditor: N },
  'licence.read': { admin: Y, officer: Y, clerk: Y, auditor: Y },
  'licence.issue': { admin: N, officer: Y, clerk: N, auditor: N },
  'licence.collect': { admin: N, officer: N, clerk: Y, auditor: N },
  'sms.read': { admin: Y, officer: Y, clerk: N, auditor: Y },
  // Resending a failed SMS or cancelling a queued one: the staff who deal with applicants and the gateway.
  'sms.manage': { admin: Y, officer: Y, clerk: N, auditor: N },
  // Gateway delivery reports arrive as the system actor; no person holds this.
  'sms.receipt': { admin: N, officer: N, clerk: N, auditor: N },
  'report.run': { admin: Y, officer: Y, clerk: Y, auditor: Y },
  'audit.read': { admin: Y, officer: N, clerk: N, auditor: Y },
  'admin.users': { admin: Y, officer: N, clerk: N, auditor: N },
  'admin.centres': { admin: Y, officer: N, clerk: N, auditor: N },
  'admin.fees': { admin: Y, officer: N, clerk: N, auditor: N },
  'admin.settings': { admin: Y, officer: N, clerk: N, auditor: N },
  'session.self': { admin: Y, officer: Y, clerk: Y, auditor: Y },
};

const cases = Object.entries(EXPECTED).flatMap(([permission, byRole]) =>
  (Object.entries(byRole) as [Role, boolean][]).map(([role, allowed]) => [role, permission as Permission, allowed] as const),
);

describe('roles and permissions', () => {
  it('the table covers exactly the four roles and every permission the code knows', () => {
    expect([...ROLES].sort()).toEqual(['admin', 'auditor', 'clerk', 'officer']);
    expect(Object.keys(EXPECTED).sort()).toEqual([...PERMISSIONS].sort());
    expect(cases).toHaveLength(ROLES.length * PERMISSIONS.length);
  });

  it.each(cases)('%s may use %s: %s', (role, permission, allowed) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it('an administrator never decides applications (separation of duties)', () => {
    expect(can('admin', 'application.decide')).toBe(false);
  });

  it('only an officer decides applications', () => {
    expect(ROLES.filter((role) => can(role, 'application.decide'))).toEqual(['officer']);
  });

  it('an auditor reads but changes nothing', () => {
    const changes: Permission[] = [
      'application.decide',
      'application.import',
      'payment.import',
      'payment.reconcile',
      'licence.issue',
      'licence.collect',
      'admin.users',
      'admin.centres',
      'admin.fees',
      'admin.settings',
    ];
    for (const permission of changes) expect(can('auditor', permission)).toBe(false);
  });

  it('the system actor used by init, demo and import may do everything', () => {
    for (const permission of PERMISSIONS) expect(can('system', permission)).toBe(true);
  });

  it('only clerks are limited to their own centre', () => {
    expect(isCentreScoped('clerk')).toBe(true);
    expect(isCentreScoped('admin')).toBe(false);
    expect(isCentreScoped('officer')).toBe(false);
    expect(isCentreScoped('auditor')).toBe(false);
    expect(isCentreScoped('system')).toBe(false);
  });
});
