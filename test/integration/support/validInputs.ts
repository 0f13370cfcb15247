/**
 * A schema-valid input for every command and query of the contract, for the permission table:
 * an allowed role must get past the permission check and the input schema, then succeed or be
 * refused for a domain reason (a missing record, a wrong state), never crash.
 */
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';
import type { commands, queries } from '../../../src/shared/contract/index.js';
import type { TestDesk } from './tempDesk.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const base64 = (file: string) => fs.readFileSync(path.join(fixtures, file)).toString('base64');
/** An id no record has: the command must answer not_found, not crash. */
const MISSING = 'no-such-record';
const reason = 'Permission table check';
/** The first application of the import fixture, as eCitizen sends it to the central service. */
const application = () => (parse(fs.readFileSync(path.join(fixtures, 'applications/good.csv')), { columns: true }) as Record<string, string>[])[0];

type Inputs<K extends string> = Record<K, (t: TestDesk) => unknown>;

export const COMMAND_INPUTS: Inputs<keyof typeof commands> = {
  'application.approve': () => ({ applicationId: MISSING }),
  'application.reject': () => ({ applicationId: MISSING, reason }),
  'application.return': () => ({ applicationId: MISSING, reason }),
  'applications.import': () => ({ fileName: 'good.csv', dataBase64: base64('applications/good.csv'), dryRun: true }),
  'user.create': () => ({ username: 'newclerk', fullName: 'New Clerk', role: 'auditor', password: 'long enough password' }),
  'user.update': () => ({ id: MISSING, fullName: 'Someone Else' }),
  'user.setPassword': () => ({ id: MISSING, password: 'long enough password' }),
  'centre.create': () => ({ code: 'KSM', name: 'RBTC Kisumu', town: 'Kisumu', region: 'Nyanza' }),
  'centre.update': () => ({ id: MISSING, name: 'Renamed centre' }),
  'fee.set': () => ({ cadre: 'technician', licenceYear: 2027, amountCents: 250_000, placeholder: false }),
  'setting.set': () => ({ key: 'licence.prefix', value: 'KMLTTB' }),
  'settings.save': () => ({ values: [{ key: 'licence.prefix', value: 'KMLTTB' }] }),
  'report.exported': () => ({ report: 'applications', format: 'csv', filters: {}, rows: 0, file: 'applications.csv' }),
  'sms.resend': () => ({ id: MISSING, reason }),
  'sms.cancel': () => ({ id: MISSING, reason }),
  'sms.resume': () => ({}),
  'smsTemplate.set': () => ({ event: 'approved', language: 'en', body: 'Dear {name}, your application {ref} is approved.' }),
  'sms.sendTest': () => ({ phone: '0712345678' }),
  'sms.deliveryReport': () => ({ id: MISSING, status: 'Success' }),
  'payments.import': () => ({ fileName: 'mpesa-statement.csv', dataBase64: base64('payments/mpesa-statement.csv'), dryRun: true }),
  'applications.receive': () => ({ application: application() }),
  'payments.receive': () => ({
    notification: {
      invoice_number: 'PERM01',
      client_invoice_ref: 'LB0000PERM',
      amount_paid: '1550.00',
      invoice_amount: '1550.00',
      currency: 'KES',
      payment_date: '2026-11-20T10:00:00Z',
      payment_channel: 'MPESA',
      phone_number: '254712345678',
      status: 'settled',
    },
  }),
  'payments.autoMatch': () => ({}),
  'payment.match': () => ({ paymentId: MISSING, invoiceId: MISSING, reason }),
  'payments.acceptSuggestions': () => ({ accept: [{ paymentId: MISSING, invoiceId: MISSING }] }),
  'payment.unmatch': () => ({ paymentId: MISSING, reason }),
  'payment.ignore': () => ({ paymentId: MISSING, reason }),
  'payment.flagRefund': () => ({ paymentId: MISSING, reason }),
  'payment.refundMade': () => ({ paymentId: MISSING, reason }),
  'invoice.refundMade': () => ({ invoiceId: MISSING, reason }),
  'licence.issue': () => ({ applicationIds: [MISSING] }),
  'licence.reassign': (t) => ({ licenceId: MISSING, centreId: t.centres.mombasa, reason }),
  'licence.revoke': () => ({ licenceId: MISSING, reason }),
  // The table's desk holds one issued licence for Nairobi (see permissions.test.ts).
  'batch.create': (t) => ({ centreId: t.centres.nairobi, licenceIds: [] }),
  'batch.receive': () => ({ batchId: MISSING }),
  'licence.collect': () => ({ licenceId: MISSING, collector: 'holder' }),
  // Nothing listens on port 9 (discard): the join fails to reach the service.
  'sync.join': () => ({ serverUrl: 'http://127.0.0.1:9', deskName: 'Front desk', username: 'admin', password: 'correct-horse-battery' }),
  'sync.joinAgain': () => ({ username: 'admin', password: 'correct-horse-battery' }),
  'sync.leave': () => ({ discardWaiting: false }),
  'sync.dismiss': () => ({ opId: MISSING }),
  'sync.registerDesk': () => ({ deskName: 'Front desk', tokenHash: 'a'.repeat(64), originId: 'origin-perm' }),
  'sync.withdrawDesk': () => ({ deskId: MISSING, confirmThisDesk: false }),
  'backup.create': () => ({}),
  'backup.restoreAtStart': () => ({ file: 'no-such-backup.kmlbak' }),
};

export const QUERY_INPUTS: Inputs<keyof typeof queries> = {
  'applications.list': () => ({}),
  'application.detail': () => ({ id: MISSING }),
  'application.smsPreview': () => ({ applicationId: MISSING, decision: 'approve' }),
  'applications.facets': () => ({}),
  'sms.list': () => ({}),
  'sms.summary': () => ({}),
  'sms.detail': () => ({ id: MISSING }),
  'smsTemplates.list': () => ({}),
  'users.list': () => ({}),
  'centres.list': () => ({}),
  'fees.list': () => ({}),
  'settings.list': () => ({}),
  'audit.verify': () => ({}),
  'payments.list': () => ({}),
  'payments.strongSuggestions': () => ({}),
  'dashboard.trends': () => ({}),
  'payment.detail': () => ({ id: MISSING }),
  'invoices.list': () => ({}),
  'payments.totals': () => ({ from: '2026-11-01', to: '2026-11-30' }),
  'licences.list': () => ({}),
  'licence.detail': () => ({ id: MISSING }),
  'batches.list': () => ({}),
  'batch.manifestPdf': () => ({ batchId: MISSING }),
  'licence.certificatesPdf': () => ({ licenceIds: [MISSING] }),
  'licence.verify': () => ({ payload: 'KMLTTB1.not-a-licence' }),
  'licence.publicKey': () => ({}),
  'audit.list': () => ({}),
  // A report every role may run (a clerk may not run the applications report).
  'reports.preview': () => ({ report: 'licences' }),
  'exports.policy': () => ({}),
  'dashboard.summary': () => ({ licenceYear: 2026 }),
  'sync.status': () => ({}),
  'sync.desks': () => ({}),
  'desk.about': () => ({}),
  'backups.list': () => ({}),
};
