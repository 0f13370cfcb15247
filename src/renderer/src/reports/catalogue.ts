import { APPLICATION_STATES } from '../../../shared/applicationState.js';
import { LICENCE_STATES } from '../../../shared/contract/licences.js';
import { INVOICE_STATES, PAYMENT_STATES } from '../../../shared/contract/payments.js';
import type { REPORT_NAMES } from '../../../shared/contract/reports.js';
import { SMS_STATES } from '../../../shared/contract/sms.js';
import type { Permission } from '../../../shared/permissions.js';
import { LICENCE_STATE_LABEL } from '../licences/labels.js';
import { INVOICE_STATE_LABEL, PAYMENT_STATE_LABEL } from '../payments/labels.js';
import { STATE_LABEL } from '../shell/labels.js';
import { SMS_STATE_LABEL } from '../sms/labels.js';

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
  /** Whether the Licence year filter applies (the application's or the licence's year). */
  licenceYear: boolean;
  /** The State filter: what it is the state of, and its choices; absent where it does not apply. */
  state?: { of: string; options: readonly { value: string; label: string }[] };
  /** The Officer filter (a username): what it filters on; absent where it does not apply. */
  officer?: string;
}

const choices = <S extends string>(states: readonly S[], labels: Record<S, string>) => states.map((s) => ({ value: s, label: labels[s] }));

/**
 * The eight reports, in the order INTERFACES.md lists them, with the filters each takes (as the
 * back end applies them, one file per report in src/main/reports).
 */
export const REPORTS: readonly ReportInfo[] = [
  {
    name: 'applications',
    label: 'Applications',
    permission: 'application.read',
    rowIs: 'application',
    dates: 'the day the application was submitted',
    centre: true,
    licenceYear: true,
    state: { of: 'the application', options: choices(APPLICATION_STATES, STATE_LABEL) },
    officer: 'the officer who decided',
  },
  {
    name: 'reconciliation',
    label: 'Reconciliation',
    permission: 'payment.read',
    rowIs: 'payment',
    dates: 'the day the payment was made',
    centre: true,
    licenceYear: true,
    state: { of: 'the payment', options: choices(PAYMENT_STATES, PAYMENT_STATE_LABEL) },
    officer: 'the officer who matched it by hand',
  },
  {
    name: 'invoices',
    label: 'Invoices',
    permission: 'payment.read',
    rowIs: 'invoice',
    dates: 'the day the invoice was raised',
    centre: true,
    licenceYear: true,
    state: { of: 'the invoice', options: choices(INVOICE_STATES, INVOICE_STATE_LABEL) },
  },
  {
    name: 'licences',
    label: 'Licences',
    permission: 'licence.read',
    rowIs: 'licence',
    dates: 'the day the licence was issued',
    centre: true,
    licenceYear: true,
    state: { of: 'the licence', options: choices(LICENCE_STATES, LICENCE_STATE_LABEL) },
  },
  {
    name: 'collection',
    label: 'Collection by centre',
    permission: 'licence.read',
    rowIs: 'centre',
    dates: 'the day each licence was issued',
    centre: true,
    licenceYear: true,
  },
  {
    name: 'sms',
    label: 'SMS messages',
    permission: 'sms.read',
    rowIs: 'message',
    dates: 'the day the message was created',
    centre: true,
    licenceYear: true,
    state: { of: 'the message', options: choices(SMS_STATES, SMS_STATE_LABEL) },
  },
  {
    name: 'turnaround',
    label: 'Turnaround by officer',
    permission: 'application.read',
    rowIs: 'officer and month',
    dates: 'the day of the decision',
    centre: true,
    licenceYear: true,
    officer: 'the officer who decided',
  },
  {
    name: 'audit',
    label: 'Audit trail',
    permission: 'audit.read',
    rowIs: 'audit event',
    dates: 'the day of the event',
    centre: false,
    licenceYear: false,
    officer: 'the person who acted',
  },
];

/** The reports a session may run: report.run and the report's own read permission. */
export function reportsFor(permissions: readonly Permission[]): ReportInfo[] {
  if (!permissions.includes('report.run')) return [];
  return REPORTS.filter((r) => permissions.includes(r.permission));
}
