import type { REPORT_NAMES } from '../../../shared/contract/reports.js';
import type { Permission } from '../../../shared/permissions.js';

export type ReportName = (typeof REPORT_NAMES)[number];

export interface ReportInfo {
  name: ReportName;
  label: string;
  /** Needed besides report.run (INTERFACES.md "Reports"); the back end checks again. */
  permission: Permission;
  /** What one row is. */
  rowIs: string;
  /** What From and To filter on. */
  dates: string;
  /** Whether the Centre filter applies. */
  centre: boolean;
}

/** The eight reports, in the order INTERFACES.md lists them. */
export const REPORTS: readonly ReportInfo[] = [
  { name: 'applications', label: 'Applications', permission: 'application.read', rowIs: 'application', dates: 'the day the application was submitted', centre: true },
  { name: 'reconciliation', label: 'Reconciliation', permission: 'payment.read', rowIs: 'payment', dates: 'the day the payment was made', centre: true },
  { name: 'invoices', label: 'Invoices', permission: 'payment.read', rowIs: 'invoice', dates: 'the day the invoice was raised', centre: true },
  { name: 'licences', label: 'Licences', permission: 'licence.read', rowIs: 'licence', dates: 'the day the licence was issued', centre: true },
  { name: 'collection', label: 'Collection by centre', permission: 'licence.read', rowIs: 'centre', dates: 'the day each licence was issued', centre: true },
  { name: 'sms', label: 'SMS messages', permission: 'sms.read', rowIs: 'message', dates: 'the day the message was created', centre: true },
  { name: 'turnaround', label: 'Turnaround by officer', permission: 'application.read', rowIs: 'officer and month', dates: 'the day of the decision', centre: true },
  { name: 'audit', label: 'Audit trail', permission: 'audit.read', rowIs: 'audit event', dates: 'the day of the event', centre: false },
];

/** The reports a session may run: report.run and the report's own read permission. */
export function reportsFor(permissions: readonly Permission[]): ReportInfo[] {
  if (!permissions.includes('report.run')) return [];
  return REPORTS.filter((r) => permissions.includes(r.permission));
}
