import type { Role } from '../../../shared/permissions.js';

export const ROLE_LABEL: Record<Role, string> = {
  admin: 'Administrator',
  officer: 'Approval officer',
  clerk: 'RBTC clerk',
  auditor: 'Auditor',
};

export const STATE_LABEL: Record<string, string> = {
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
  returned: 'Returned',
  paid: 'Paid',
  licensed: 'Licensed',
};

export const CADRE_LABEL: Record<string, string> = {
  technologist: 'Technologist',
  technician: 'Technician',
};

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-KE')} ${n === 1 ? one : many}`;
}
