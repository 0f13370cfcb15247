/** Every command and query by name. The types refuse a contract name without a handler. */
import { deskAbout } from './about.js';
import { centreCreate, centreUpdate } from './admin/centres.js';
import { feeSet, feesList } from './admin/fees.js';
import { settingSet, settingsList, settingsSave } from './admin/settings.js';
import { userCreate, userSetPassword, userUpdate, usersList } from './admin/users.js';
import { centresList } from './admin/centresList.js';
import { approve, reject, returnForInformation } from './applications/decide.js';
import { importApplications } from './applications/import/command.js';
import { applicationDetail, applicationSmsPreview } from './applications/detail.js';
import { applicationsFacets, applicationsList } from './applications/queries.js';
import { auditList, auditVerify } from './audit/queries.js';
import { backupCreate, backupRestoreAtStart, backupsList } from './backup/handlers.js';
import { dashboardSummary } from './dashboard/summary.js';
import { dashboardTrends } from './dashboard/trends.js';
import type { CommandHandlers, QueryHandlers } from './core/registry.js';
import { applicationsReceive } from './inbound/applications.js';
import { paymentsReceive } from './inbound/payments.js';
import {
  invoiceRefundMade,
  paymentFlagRefund,
  paymentIgnore,
  paymentMatch,
  paymentRefundMade,
  paymentUnmatch,
  paymentsAutoMatch,
} from './payments/commands.js';
import { importPayments } from './payments/importCommand.js';
import { invoicesList, paymentDetail, paymentsList, paymentsTotals } from './payments/queries.js';
import { paymentsAcceptSuggestions, paymentsStrongSuggestions } from './payments/suggestions.js';
import { batchCreate, batchReceive } from './licences/batches.js';
import { licenceCollect } from './licences/collect.js';
import { licenceIssue } from './licences/issue.js';
import { licenceReassign, licenceRevoke } from './licences/manage.js';
import { batchManifestPdf, licenceCertificatesPdf } from './licences/pdfQueries.js';
import { batchesList, licenceDetail, licencePublicKey, licencesList, licenceVerify } from './licences/queries.js';
import { reportExported } from './reports/exported.js';
import { exportsPolicy } from './reports/exportPolicy.js';
import { reportsPreview } from './reports/preview.js';
import { smsCancel, smsDeliveryReport, smsResend, smsResume, smsTemplateSet } from './sms/commands.js';
import { smsDetail, smsList, smsSummary } from './sms/queries.js';
import { smsTemplatesList } from './sms/templates.js';
import { smsSendTest } from './sms/testSms.js';
import { syncRegisterDesk } from './sync/authority/register.js';
import { syncDismiss, syncJoin } from './sync/commands.js';
import { syncLeave } from './sync/leave.js';
import { syncJoinAgain } from './sync/joinAgain.js';
import { syncDesks, syncWithdrawDesk } from './sync/joinedDesks.js';
import { syncStatus } from './sync/status.js';

export const handlers: { commands: CommandHandlers; queries: QueryHandlers } = {
  commands: {
    'application.approve': approve,
    'application.reject': reject,
    'application.return': returnForInformation,
    'applications.import': importApplications,
    'user.create': userCreate,
    'user.update': userUpdate,
    'user.setPassword': userSetPassword,
    'centre.create': centreCreate,
    'centre.update': centreUpdate,
    'fee.set': feeSet,
    'setting.set': settingSet,
    'settings.save': settingsSave,
    'report.exported': reportExported,
    'sms.resend': smsResend,
    'sms.cancel': smsCancel,
    'sms.resume': smsResume,
    'smsTemplate.set': smsTemplateSet,
    'sms.sendTest': smsSendTest,
    'sms.deliveryReport': smsDeliveryReport,
    'payments.import': importPayments,
    'applications.receive': applicationsReceive,
    'payments.receive': paymentsReceive,
    'payments.autoMatch': paymentsAutoMatch,
    'payment.match': paymentMatch,
    'payments.acceptSuggestions': paymentsAcceptSuggestions,
    'payment.unmatch': paymentUnmatch,
    'payment.ignore': paymentIgnore,
    'payment.flagRefund': paymentFlagRefund,
    'payment.refundMade': paymentRefundMade,
    'invoice.refundMade': invoiceRefundMade,
    'licence.issue': licenceIssue,
    'licence.reassign': licenceReassign,
    'licence.revoke': licenceRevoke,
    'batch.create': batchCreate,
    'batch.receive': batchReceive,
    'licence.collect': licenceCollect,
    'sync.join': syncJoin,
    'sync.joinAgain': syncJoinAgain,
    'sync.leave': syncLeave,
    'sync.dismiss': syncDismiss,
    'sync.registerDesk': syncRegisterDesk,
    'sync.withdrawDesk': syncWithdrawDesk,
    'backup.create': backupCreate,
    'backup.restoreAtStart': backupRestoreAtStart,
  },
  queries: {
    'desk.about': deskAbout,
    'applications.list': applicationsList,
    'application.detail': applicationDetail,
    'application.smsPreview': applicationSmsPreview,
    'applications.facets': applicationsFacets,
    'sms.list': smsList,
    'sms.summary': smsSummary,
    'sms.detail': smsDetail,
    'smsTemplates.list': smsTemplatesList,
    'users.list': usersList,
    'centres.list': centresList,
    'fees.list': feesList,
    'settings.list': settingsList,
    'payments.list': paymentsList,
    'payment.detail': paymentDetail,
    'invoices.list': invoicesList,
    'payments.strongSuggestions': paymentsStrongSuggestions,
    'payments.totals': paymentsTotals,
    'licences.list': licencesList,
    'licence.detail': licenceDetail,
    'batches.list': batchesList,
    'batch.manifestPdf': batchManifestPdf,
    'licence.certificatesPdf': licenceCertificatesPdf,
    'licence.verify': licenceVerify,
    'licence.publicKey': licencePublicKey,
    'audit.verify': auditVerify,
    'audit.list': auditList,
    'reports.preview': reportsPreview,
    'exports.policy': exportsPolicy,
    'dashboard.summary': dashboardSummary,
    'dashboard.trends': dashboardTrends,
    'sync.status': syncStatus,
    'sync.desks': syncDesks,
    'backups.list': backupsList,
  },
};
