/**
 * The API contract: every command (a change) and query (a read) by name, with its input
 * schema, the permission it needs, and its result type. The renderer, the CLI, the browser
 * mode and the sync server all call the back end through these names.
 */
import { z } from 'zod';
import type { Permission } from '../permissions.js';
import type { AboutInfo } from './about.js';
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
function spec<R>() {
  return <I extends z.ZodType>(input: I, permission: Permission): Spec<I, R> => ({ input, permission });
}
const empty = z.object({}).strict();

export const commands = {
  'application.approve': spec<apps.DecisionResult>()(apps.decideInput, 'application.decide'),
  'application.reject': spec<apps.DecisionResult>()(apps.rejectInput, 'application.decide'),
  'application.return': spec<apps.DecisionResult>()(apps.rejectInput, 'application.decide'),
  'applications.import': spec<apps.ImportReport>()(apps.importApplicationsInput, 'application.import'),
  'user.create': spec<admin.UserRow>()(admin.userCreateInput, 'admin.users'),
  'user.update': spec<admin.UserRow>()(admin.userUpdateInput, 'admin.users'),
  'user.setPassword': spec<{ id: string }>()(admin.userPasswordInput, 'admin.users'),
  'centre.create': spec<admin.CentreRow>()(admin.centreCreateInput, 'admin.centres'),
  'centre.update': spec<admin.CentreRow>()(admin.centreUpdateInput, 'admin.centres'),
  'fee.set': spec<admin.FeeRow>()(admin.feeSetInput, 'admin.fees'),
  'setting.set': spec<admin.SettingRow>()(admin.settingSetInput, 'admin.settings'),
  'settings.save': spec<admin.SettingRow[]>()(admin.settingsSaveInput, 'admin.settings'),
  'report.exported': spec<{ rows: number }>()(reportExportedInput, 'report.run'),
  'sms.resend': spec<sms.SmsRow>()(sms.smsActionInput, 'sms.manage'),
  'sms.cancel': spec<sms.SmsRow>()(sms.smsActionInput, 'sms.manage'),
  'sms.resume': spec<{ resumed: boolean }>()(sms.smsResumeInput, 'admin.settings'),
  'smsTemplate.set': spec<sms.SmsTemplateRow>()(sms.smsTemplateSetInput, 'admin.settings'),
  'sms.sendTest': spec<sms.SmsTestResult>()(sms.smsSendTestInput, 'admin.settings'),
  'payments.import': spec<pay.PaymentImportReport>()(pay.importPaymentsInput, 'payment.import'),
  'applications.receive': spec<inbound.ApplicationReceiveResult>()(inbound.applicationsReceiveInput, 'application.import'),
  'payments.receive': spec<inbound.PaymentReceiveResult>()(inbound.paymentsReceiveInput, 'payment.import'),
  'payments.autoMatch': spec<pay.AutoMatchResult>()(empty, 'payment.reconcile'),
  'payment.match': spec<pay.PaymentRow>()(pay.paymentMatchInput, 'payment.reconcile'),
  'payment.unmatch': spec<pay.PaymentRow>()(pay.paymentActionInput, 'payment.reconcile'),
  'payment.ignore': spec<pay.PaymentRow>()(pay.paymentActionInput, 'payment.reconcile'),
  'payment.flagRefund': spec<pay.PaymentRow>()(pay.paymentActionInput, 'payment.reconcile'),
  'payment.refundMade': spec<pay.PaymentRow>()(pay.paymentActionInput, 'payment.reconcile'),
  'invoice.refundMade': spec<pay.InvoiceRow>()(pay.invoiceRefundInput, 'payment.reconcile'),
  'licence.issue': spec<lic.LicenceIssueResult>()(lic.licenceIssueInput, 'licence.issue'),
  'licence.reassign': spec<lic.LicenceRow>()(lic.licenceReassignInput, 'licence.issue'),
  'licence.revoke': spec<lic.LicenceRow>()(lic.licenceRevokeInput, 'licence.issue'),
  'batch.create': spec<lic.BatchRow>()(lic.batchCreateInput, 'licence.issue'),
  'batch.receive': spec<lic.BatchRow>()(lic.batchReceiveInput, 'licence.collect'),
  'licence.collect': spec<lic.LicenceRow>()(lic.licenceCollectInput, 'licence.collect'),
  'sms.deliveryReport': spec<{ state: sms.SmsState } | { unknown: true }>()(sms.deliveryReportInput, 'sms.receipt'),
  'sync.join': spec<sync.SyncJoinResult>()(sync.syncJoinInput, 'admin.settings'),
  'sync.joinAgain': spec<sync.SyncJoinAgainResult>()(sync.syncJoinAgainInput, 'admin.settings'),
  'sync.leave': spec<{ left: boolean }>()(sync.syncLeaveInput, 'admin.settings'),
  'sync.dismiss': spec<{ dismissed: boolean }>()(sync.syncDismissInput, 'session.self'),
  'sync.registerDesk': spec<sync.SyncRegisterDeskResult>()(sync.syncRegisterDeskInput, 'session.self'),
  'sync.withdrawDesk': spec<sync.SyncDeskRow>()(sync.syncWithdrawDeskInput, 'admin.settings'),
  'backup.create': spec<backup.BackupRow>()(empty, 'admin.settings'),
  'backup.restoreAtStart': spec<backup.BackupRestoreResult>()(backup.backupRestoreInput, 'admin.settings'),
} as const;

export const queries = {
  'applications.list': spec<apps.ApplicationsListResult>()(apps.applicationsListInput, 'application.read'),
  'application.detail': spec<apps.ApplicationDetail>()(apps.applicationDetailInput, 'application.read'),
  'application.smsPreview': spec<apps.SmsPreview>()(apps.smsPreviewInput, 'application.read'),
  'applications.facets': spec<{ licenceYears: number[]; counties: string[] }>()(empty, 'application.read'),
  'sms.list': spec<sms.SmsListResult>()(sms.smsListInput, 'sms.read'),
  'sms.summary': spec<sms.SmsSummary>()(empty, 'session.self'),
  'sms.detail': spec<sms.SmsDetail>()(sms.smsDetailInput, 'sms.read'),
  'smsTemplates.list': spec<sms.SmsTemplateRow[]>()(empty, 'admin.settings'),
  'users.list': spec<admin.UserRow[]>()(empty, 'admin.users'),
  'centres.list': spec<admin.CentreRow[]>()(empty, 'session.self'),
  'fees.list': spec<admin.FeeRow[]>()(empty, 'session.self'),
  'settings.list': spec<admin.SettingRow[]>()(empty, 'admin.settings'),
  'payments.list': spec<pay.PaymentsListResult>()(pay.paymentsListInput, 'payment.read'),
  'payment.detail': spec<pay.PaymentDetail>()(pay.paymentDetailInput, 'payment.read'),
  'invoices.list': spec<pay.InvoicesListResult>()(pay.invoicesListInput, 'payment.read'),
  'payments.totals': spec<pay.PaymentTotals>()(pay.paymentTotalsInput, 'payment.read'),
  'licences.list': spec<lic.LicencesListResult>()(lic.licencesListInput, 'licence.read'),
  'licence.detail': spec<lic.LicenceDetail>()(lic.licenceDetailInput, 'licence.read'),
  'batches.list': spec<lic.BatchesListResult>()(lic.batchesListInput, 'licence.read'),
  'batch.manifestPdf': spec<lic.PdfFile>()(lic.pdfInput, 'licence.read'),
  'licence.certificatesPdf': spec<lic.PdfFile>()(lic.certificatesInput, 'licence.issue'),
  'licence.verify': spec<lic.LicenceVerifyResult>()(lic.licenceVerifyInput, 'session.self'),
  'licence.publicKey': spec<{ publicKey: string | null }>()(empty, 'session.self'),
  'audit.verify': spec<AuditVerifyResult>()(empty, 'audit.read'),
  'audit.list': spec<ins.AuditListResult>()(ins.auditListInput, 'audit.read'),
  'reports.preview': spec<ins.ReportPreview>()(ins.reportPreviewInput, 'report.run'),
  'exports.policy': spec<{ keepDays: number }>()(empty, 'report.run'),
  'dashboard.summary': spec<ins.DashboardSummary>()(ins.dashboardInput, 'session.self'),
  'sync.status': spec<sync.SyncStatus>()(empty, 'session.self'),
  'sync.desks': spec<sync.SyncDeskRow[]>()(empty, 'admin.settings'),
  'desk.about': spec<AboutInfo>()(empty, 'session.self'),
  'backups.list': spec<backup.BackupsOverview>()(empty, 'admin.settings'),
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
export * from './inbound.js';
export * from './insight.js';
export * from './licences.js';
export * from './payments.js';
export * from './reports.js';
export * from './session.js';
export * from './sms.js';
