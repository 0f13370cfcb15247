export const ROLES = ['admin', 'officer', 'clerk', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'application.read',
  'application.decide',
  'application.import',
  'payment.read',
  'payment.import',
  'payment.reconcile',
  'licence.read',
  'licence.issue',
  'licence.collect',
  'sms.read',
  'sms.manage',
  /** Delivery reports from the gateway: the system actor only. */
  'sms.receipt',
  'report.run',
  'audit.read',
  'admin.users',
  'admin.centres',
  'admin.fees',
  'admin.settings',
  'session.self',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Every permission but those withheld; `sms.receipt` (delivery reports) is the system actor's alone. */
function allBut(...withheld: Permission[]): Permission[] {
  return PERMISSIONS.filter((p) => p !== 'sms.receipt' && !withheld.includes(p));
}

/** DOMAIN.md "Roles and permissions". An administrator does not decide applications. */
const GRANTS: Record<Role, readonly Permission[]> = {
  admin: allBut('application.decide', 'payment.reconcile', 'licence.issue', 'licence.collect'),
  officer: allBut('licence.collect', 'audit.read', 'admin.users', 'admin.centres', 'admin.fees', 'admin.settings'),
  clerk: ['licence.read', 'licence.collect', 'report.run', 'session.self'],
  auditor: ['application.read', 'payment.read', 'licence.read', 'sms.read', 'report.run', 'audit.read', 'session.self'],
};

export function can(role: Role | 'system', permission: Permission): boolean {
  if (role === 'system') return true;
  return GRANTS[role].includes(permission);
}

/** Clerks see and act on their own centre only. */
export function isCentreScoped(role: Role | 'system'): boolean {
  return role === 'clerk';
}
