/**
 * The API contract: every command (a change) and query (a read) by name, with its input
 * schema, the permission it needs, and its result type. The renderer, the CLI, the browser
 * mode and the sync server all call the back end through these names.
 */
import { z } from 'zod';
import type { Permission } from '../permissions.js';
import type { AboutInfo } from './about.js';
import type { Entity } from './entities.js';
import * as admin from './admin.js';
import * as apps from './applications.js';
import * as backup from './backup.js';
import * as inbound from './inbound.js';
import { reportExportedInput } from './reports.js';
import * as ins from './insight.js';
import * as lic from './licences.js';
import * as pay from './payments.js';
import * as sms from './sms.js';
import * as sync from './sync.js';

export interface Spec<I extends z.ZodType, R> {
  input: I;
  permission: Permission;
  /** Type-only: the result the caller gets. */
  result?: R;
}

/**
 * Where a change goes once made on a desk that syncs.
 * - `central`: recorded in the outbox and pushed; the central service takes it only from the
 *   signed-in user who made and signed it (never from the `system` actor, never unsigned).
 * - `desk`: about the desk itself (joining, leaving, its backups): it stays on the desk where it
 *   is made, and the central service never takes it from a desk.
 */
export type SyncRule = 'central' | 'desk';

export interface CommandSpec<I extends z.ZodType, R> extends Spec<I, R> {
  /** What the change is, in the words staff use (the refused-changes list). */
  label: string;
  sync: SyncRule;
  /** The entities whose queries are stale after it (the audit trail always is: see facts.ts). */
  affects: readonly Entity[];
}

export interface QuerySpec<I extends z.ZodType, R> extends Spec<I, R> {
  /** The entities it reads: a change to one of them refreshes it on every open screen. */
  reads: readonly Entity[];
}

function command<R>() {
  return <I extends z.ZodType>(input: I, permission: Permission, facts: Pick<CommandSpec<I, R>, 'label' | 'sync' | 'affects'>): CommandSpec<I, R> => ({
    input,
    permission,
    ...facts,
  });
}
function query<R>() {
  return <I extends z.ZodType>(input: I, permission: Permission, reads: readonly Entity[]): QuerySpec<I, R> => ({ input, permission, reads });
}
/** What the dashboard and the reports count: every business record. */
const DATA: readonly Entity[] = ['application', 'invoice', 'payment', 'licence', 'batch', 'sms', 'centre', 'fee'];
const empty = z.object({}).strict();

export const commands = {
  'application.approve': command<apps.DecisionResult>()(apps.decideInput, 'application.decide', {
    label: 'Approve',
    sync: 'central',
    affects: ['application', 'invoice', 'sms'],
  }),
  'application.reject': command<apps.DecisionResult>()(apps.rejectInput, 'application.decide', {
    label: 'Reject',
    sync: 'central',
    affects: ['application', 'sms'],
  }),
  'application.return': command<apps.DecisionResult>()(apps.rejectInput, 'application.decide', {
    label: 'Return',
    sync: 'central',
    affects: ['application', 'sms'],
  }),
  'applications.import': command<apps.ImportReport>()(apps.importApplicationsInput, 'application.import', {
    label: 'Import applications',
    sync: 'central',
    affects: ['application'],
  }),
  'user.create': command<admin.UserRow>()(admin.userCreateInput, 'admin.users', { label: 'Add user', sync: 'central', affects: ['user'] }),
  'user.update': command<admin.UserRow>()(admin.userUpdateInput, 'admin.users', { label: 'Change user', sync: 'central', affects: ['user'] }),
  'user.setPassword': command<{ id: string }>()(admin.userPasswordInput, 'admin.users', { label: 'Set password', sync: 'central', affects: ['user'] }),
  'centre.create': command<admin.CentreRow>()(admin.centreCreateInput, 'admin.centres', { label: 'Add centre', sync: 'central', affects: ['centre'] }),
  'centre.update': command<admin.CentreRow>()(admin.centreUpdateInput, 'admin.centres', { label: 'Change centre', sync: 'central', affects: ['centre'] }),
  'fee.set': command<admin.FeeRow>()(admin.feeSetInput, 'admin.fees', { label: 'Set fee', sync: 'central', affects: ['fee'] }),
  'setting.set': command<admin.SettingRow>()(admin.settingSetInput, 'admin.settings', { label: 'Change setting', sync: 'central', affects: ['setting'] }),
  'settings.save': command<admin.SettingRow[]>()(admin.settingsSaveInput, 'admin.settings', { label: 'Save settings', sync: 'central', affects: ['setting'] }),
  'report.exported': command<{ rows: number }>()(reportExportedInput, 'report.run', { label: 'Export report', sync: 'central', affects: [] }),
  'sms.resend': command<sms.SmsRow>()(sms.smsActionInput, 'sms.manage', { label: 'Resend SMS', sync: 'central', affects: ['sms'] }),
  'sms.cancel': command<sms.SmsRow>()(sms.smsActionInput, 'sms.manage', { label: 'Cancel SMS', sync: 'central', affects: ['sms'] }),
  'sms.resume': command<{ resumed: boolean }>()(sms.smsResumeInput, 'admin.settings', { label: 'Resume SMS sending', sync: 'central', affects: ['sms'] }),
  'smsTemplate.set': command<sms.SmsTemplateRow>()(sms.smsTemplateSetInput, 'admin.settings', {
    label: 'Save SMS template',
    sync: 'central',
    affects: ['smsTemplate'],
  }),
  'sms.sendTest': command<sms.SmsTestResult>()(sms.smsSendTestInput, 'admin.settings', { label: 'Send test SMS', sync: 'central', affects: ['sms'] }),
  'payments.import': command<pay.PaymentImportReport>()(pay.importPaymentsInput, 'payment.import', {
    label: 'Import payments',
    sync: 'central',
    affects: ['payment', 'invoice', 'application', 'sms'],
  }),
  'applications.receive': command<inbound.ApplicationReceiveResult>()(inbound.applicationsReceiveInput, 'application.import', {
    label: 'Receive applications',
    sync: 'central',
    affects: ['application'],
  }),
  'payments.receive': command<inbound.PaymentReceiveResult>()(inbound.paymentsReceiveInput, 'payment.import', {
    label: 'Receive payments',
    sync: 'central',
    affects: ['payment', 'invoice', 'application', 'sms'],
  }),
  'payments.autoMatch': command<pay.AutoMatchResult>()(empty, 'payment.reconcile', {
    label: 'Match payments',
    sync: 'central',
    affects: ['payment', 'invoice', 'application', 'sms'],
  }),
  'payment.match': command<pay.PaymentRow>()(pay.paymentMatchInput, 'payment.reconcile', {
    label: 'Match payment',
    sync: 'central',
    affects: ['payment', 'invoice', 'application', 'sms'],
  }),
  'payments.acceptSuggestions': command<pay.AcceptSuggestionsResult>()(pay.acceptSuggestionsInput, 'payment.reconcile', {
    label: 'Accept suggested matches',
    sync: 'central',
    affects: ['payment', 'invoice', 'application', 'sms'],
  }),
  'payment.unmatch': command<pay.PaymentRow>()(pay.paymentActionInput, 'payment.reconcile', {
    label: 'Unmatch payment',
    sync: 'central',
    affects: ['payment', 'invoice', 'application', 'sms'],
  }),
  'payment.ignore': command<pay.PaymentRow>()(pay.paymentActionInput, 'payment.reconcile', {
    label: 'Ignore payment',
    sync: 'central',
    affects: ['payment', 'invoice'],
  }),
  'payment.flagRefund': command<pay.PaymentRow>()(pay.paymentActionInput, 'payment.reconcile', {
    label: 'Flag for refund',
    sync: 'central',
    affects: ['payment', 'invoice'],
  }),
  'payment.refundMade': command<pay.PaymentRow>()(pay.paymentActionInput, 'payment.reconcile', {
    label: 'Record refund',
    sync: 'central',
    affects: ['payment', 'invoice'],
  }),
  'invoice.refundMade': command<pay.InvoiceRow>()(pay.invoiceRefundInput, 'payment.reconcile', {
    label: 'Record invoice refund',
    sync: 'central',
    affects: ['payment', 'invoice'],
  }),
  'licence.issue': command<lic.LicenceIssueResult>()(lic.licenceIssueInput, 'licence.issue', {
    label: 'Issue licence',
    sync: 'central',
    affects: ['licence', 'application'],
  }),
  'licence.reassign': command<lic.LicenceRow>()(lic.licenceReassignInput, 'licence.issue', {
    label: 'Reassign licence',
    sync: 'central',
    affects: ['licence', 'batch'],
  }),
  'licence.revoke': command<lic.LicenceRow>()(lic.licenceRevokeInput, 'licence.issue', {
    label: 'Revoke licence',
    sync: 'central',
    affects: ['licence', 'batch', 'application'],
  }),
  'batch.create': command<lic.BatchRow>()(lic.batchCreateInput, 'licence.issue', {
    label: 'Dispatch batch',
    sync: 'central',
    affects: ['batch', 'licence', 'sms'],
  }),
  'batch.receive': command<lic.BatchRow>()(lic.batchReceiveInput, 'licence.collect', {
    label: 'Confirm received',
    sync: 'central',
    affects: ['batch', 'licence', 'sms'],
  }),
  'licence.collect': command<lic.LicenceRow>()(lic.licenceCollectInput, 'licence.collect', {
    label: 'Mark collected',
    sync: 'central',
    affects: ['licence', 'batch'],
  }),
  'sms.deliveryReport': command<{ state: sms.SmsState } | { unknown: true }>()(sms.deliveryReportInput, 'sms.receipt', {
    label: 'Delivery report',
    sync: 'central',
    affects: ['sms'],
  }),
  'sync.join': command<sync.SyncJoinResult>()(sync.syncJoinInput, 'admin.settings', {
    label: 'Join the central service',
    sync: 'desk',
    affects: ['sync', 'user', 'centre', 'setting'],
  }),
  'sync.joinAgain': command<sync.SyncJoinAgainResult>()(sync.syncJoinAgainInput, 'admin.settings', { label: 'Join again', sync: 'desk', affects: ['sync'] }),
  'sync.leave': command<{ left: boolean }>()(sync.syncLeaveInput, 'admin.settings', {
    label: 'Leave the central service',
    sync: 'desk',
    affects: ['sync', 'licence', 'sms'],
  }),
  'sync.dismiss': command<{ dismissed: boolean }>()(sync.syncDismissInput, 'session.self', {
    label: 'Dismiss refused change',
    sync: 'desk',
    affects: ['sync'],
  }),
  'sync.registerDesk': command<sync.SyncRegisterDeskResult>()(sync.syncRegisterDeskInput, 'session.self', {
    label: 'Register desk',
    sync: 'desk',
    affects: ['sync'],
  }),
  'sync.withdrawDesk': command<sync.SyncDeskRow>()(sync.syncWithdrawDeskInput, 'admin.settings', {
    label: 'Withdraw desk',
    sync: 'central',
    affects: ['sync'],
  }),
  'backup.create': command<backup.BackupRow>()(empty, 'admin.settings', { label: 'Back up', sync: 'desk', affects: ['backup'] }),
  'backup.restoreAtStart': command<backup.BackupRestoreResult>()(backup.backupRestoreInput, 'admin.settings', {
    label: 'Restore at next start',
    sync: 'desk',
    affects: ['backup'],
  }),
} as const;

export const queries = {
  'applications.list': query<apps.ApplicationsListResult>()(apps.applicationsListInput, 'application.read', ['application', 'invoice', 'licence']),
  'application.detail': query<apps.ApplicationDetail>()(apps.applicationDetailInput, 'application.read', [
    'application',
    'invoice',
    'payment',
    'licence',
    'sms',
  ]),
  'application.smsPreview': query<apps.SmsPreview>()(apps.smsPreviewInput, 'application.read', ['application', 'invoice', 'smsTemplate', 'setting']),
  'applications.facets': query<{ licenceYears: number[]; counties: string[] }>()(empty, 'application.read', ['application']),
  'sms.list': query<sms.SmsListResult>()(sms.smsListInput, 'sms.read', ['sms']),
  'sms.summary': query<sms.SmsSummary>()(empty, 'session.self', ['sms', 'setting']),
  'sms.detail': query<sms.SmsDetail>()(sms.smsDetailInput, 'sms.read', ['sms']),
  'smsTemplates.list': query<sms.SmsTemplateRow[]>()(empty, 'admin.settings', ['smsTemplate']),
  'users.list': query<admin.UserRow[]>()(empty, 'admin.users', ['user']),
  'centres.list': query<admin.CentreRow[]>()(empty, 'session.self', ['centre']),
  'fees.list': query<admin.FeeRow[]>()(empty, 'session.self', ['fee']),
  'settings.list': query<admin.SettingRow[]>()(empty, 'admin.settings', ['setting']),
  'payments.list': query<pay.PaymentsListResult>()(pay.paymentsListInput, 'payment.read', ['payment', 'invoice', 'application']),
  'payment.detail': query<pay.PaymentDetail>()(pay.paymentDetailInput, 'payment.read', ['payment', 'invoice', 'application']),
  'invoices.list': query<pay.InvoicesListResult>()(pay.invoicesListInput, 'payment.read', ['invoice', 'payment', 'application']),
  'payments.strongSuggestions': query<pay.StrongSuggestionsResult>()(empty, 'payment.read', ['payment', 'invoice', 'application']),
  'payments.totals': query<pay.PaymentTotals>()(pay.paymentTotalsInput, 'payment.read', ['payment', 'invoice']),
  'licences.list': query<lic.LicencesListResult>()(lic.licencesListInput, 'licence.read', ['licence', 'batch', 'centre']),
  'licence.detail': query<lic.LicenceDetail>()(lic.licenceDetailInput, 'licence.read', ['licence', 'batch', 'centre']),
  'batches.list': query<lic.BatchesListResult>()(lic.batchesListInput, 'licence.read', ['batch', 'licence', 'centre']),
  'batch.manifestPdf': query<lic.PdfFile>()(lic.pdfInput, 'licence.read', ['batch', 'licence']),
  'licence.certificatesPdf': query<lic.PdfFile>()(lic.certificatesInput, 'licence.issue', ['licence']),
  'licence.verify': query<lic.LicenceVerifyResult>()(lic.licenceVerifyInput, 'session.self', ['licence']),
  'licence.publicKey': query<{ publicKey: string | null }>()(empty, 'session.self', ['licence']),
  'audit.verify': query<AuditVerifyResult>()(empty, 'audit.read', ['audit']),
  'audit.list': query<ins.AuditListResult>()(ins.auditListInput, 'audit.read', ['audit']),
  'reports.preview': query<ins.ReportPreview>()(ins.reportPreviewInput, 'report.run', DATA),
  'exports.policy': query<{ keepDays: number }>()(empty, 'report.run', ['setting']),
  'dashboard.summary': query<ins.DashboardSummary>()(ins.dashboardInput, 'session.self', DATA),
  'dashboard.trends': query<ins.DashboardTrends>()(empty, 'application.read', DATA),
  'sync.status': query<sync.SyncStatus>()(empty, 'session.self', ['sync']),
  'sync.desks': query<sync.SyncDeskRow[]>()(empty, 'admin.settings', ['sync']),
  'desk.about': query<AboutInfo>()(empty, 'session.self', ['setting', 'sync']),
  'backups.list': query<backup.BackupsOverview>()(empty, 'admin.settings', ['backup']),
} as const;

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBad?: { seq: number; problem: string };
}

export type Commands = typeof commands;
export type Queries = typeof queries;
export type CommandName = keyof Commands;
export type QueryName = keyof Queries;
type InputOf<S> = S extends Spec<infer I, unknown> ? z.input<I> : never;
type ParsedOf<S> = S extends Spec<infer I, unknown> ? z.output<I> : never;
type ResultOf<S> = S extends Spec<z.ZodType, infer R> ? R : never;
export type CommandInput<N extends CommandName> = InputOf<Commands[N]>;
export type CommandParsed<N extends CommandName> = ParsedOf<Commands[N]>;
export type CommandResult<N extends CommandName> = ResultOf<Commands[N]>;
export type QueryInput<N extends QueryName> = InputOf<Queries[N]>;
export type QueryParsed<N extends QueryName> = ParsedOf<Queries[N]>;
export type QueryResult<N extends QueryName> = ResultOf<Queries[N]>;

export * from './about.js';
export * from './admin.js';
export * from './applications.js';
export * from './backup.js';
export * from './common.js';
export * from './entities.js';
export * from './inbound.js';
export * from './insight.js';
export * from './licences.js';
export * from './payments.js';
export * from './reports.js';
export * from './session.js';
export * from './sms.js';
