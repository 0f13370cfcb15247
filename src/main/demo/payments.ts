import type { PaymentImportReport } from '../../shared/contract/payments.js';
import type { Desk } from '../desk.js';
import type { PlannedDecision } from './decisions.js';
import type { Random } from './random.js';
import { buildDemoStatements, type DemoInvoice, type DemoRejectedApplication, type DemoStatements, type PaymentCase } from './statements.js';
import { actorOf, run } from './support.js';

export interface DemoPayments {
  files: { fileName: string; rowsRead: number; added: number; alreadyKnown: number; notCounted: number }[];
  cases: Partial<Record<PaymentCase, string>>;
  /** What the officer did by hand (nothing when already done by an earlier run). */
  byHand: { matched: number; notOurs: number; refundDue: number };
}

/**
 * After the officer's first decisions, the finance office downloads the eCitizen notifications
 * and the M-Pesa statement and the officer imports both (eCitizen first: its notifications carry
 * the bill reference of a payment the statement names only by eCitizen invoice number), then
 * deals by hand with some of what was left unmatched. The files depend on the seed and the
 * plan only, so a second run imports the same files and changes nothing.
 */
export async function payDemoInvoices(
  desk: Desk,
  rng: Random,
  seed: number,
  decisions: { plan: readonly PlannedDecision[]; made: readonly PlannedDecision[] },
  nationalIdOf: ReadonlyMap<string, string>,
): Promise<DemoPayments> {
  const officer = actorOf(desk, 'officer');
  const db = desk.read;
  const facts = (ref: string) =>
    db.first(
      db
        .selectFrom('applications as a')
        .innerJoin('practitioners as p', 'p.id', 'a.practitioner_id')
        .leftJoin('invoices as i', 'i.application_id', 'a.id')
        .leftJoin('fees as f', (join) => join.onRef('f.cadre', '=', 'p.cadre').onRef('f.licence_year', '=', 'a.licence_year'))
        .select([
          'a.application_ref',
          'a.submitted_at',
          'p.first_name',
          'p.middle_name',
          'p.last_name',
          'p.phone',
          'p.national_id',
          'i.bill_ref',
          'i.amount_due_cents',
          'f.amount_cents as fee_cents',
        ])
        .where('a.application_ref', '=', ref),
    );
  // A national ID names one invoice when its holder has no other approval planned (in any batch).
  const approvalsPerPerson = new Map<string, number>();
  for (const d of decisions.plan) {
    if (d.action !== 'approve') continue;
    const id = nationalIdOf.get(d.ref) ?? d.ref;
    approvalsPerPerson.set(id, (approvalsPerPerson.get(id) ?? 0) + 1);
  }

  const invoices: DemoInvoice[] = [];
  const rejected: DemoRejectedApplication[] = [];
  for (const d of decisions.made) {
    const f = facts(d.ref);
    if (!f) continue;
    const person = {
      firstName: f.first_name,
      middleName: f.middle_name,
      lastName: f.last_name,
      phone: f.phone,
      submittedAt: f.submitted_at,
      applicationRef: f.application_ref,
    };
    if (d.action === 'approve' && f.bill_ref !== null && f.amount_due_cents !== null) {
      invoices.push({
        ...person,
        billRef: f.bill_ref,
        amountDueCents: f.amount_due_cents,
        nationalId: f.national_id,
        onlyInvoice: approvalsPerPerson.get(f.national_id) === 1,
      });
    } else if (d.action === 'reject' && f.fee_cents !== null) {
      rejected.push({ ...person, feeCents: f.fee_cents });
    }
  }
  const known = new Set(db.all(db.selectFrom('invoices').select('bill_ref')).map((i) => i.bill_ref));
  const statements = buildDemoStatements(rng, seed, invoices, rejected, known);

  const files: DemoPayments['files'] = [];
  const statementFiles = [
    { ...statements.ecitizen, rows: statements.ecitizen.notifications },
    { ...statements.mpesa, rows: statements.mpesa.lines },
  ];
  // A small demo may have no payment of one kind: a file of headers alone is no statement to import.
  for (const file of statementFiles.filter((f) => f.rows > 0)) {
    const report: PaymentImportReport = await run(
      desk,
      'payments.import',
      { fileName: file.fileName, dataBase64: Buffer.from(file.csv, 'utf8').toString('base64'), dryRun: false },
      officer,
    );
    files.push({
      fileName: report.fileName,
      rowsRead: report.rowsRead,
      added: report.added,
      alreadyKnown: report.alreadyKnown,
      notCounted: report.notCounted.length,
    });
  }
  return { files, cases: statements.cases, byHand: await actByHand(desk, statements.byHand) };
}

/** The officer matches one payment by hand, marks one as not ours and flags one for refund, each with a reason. */
async function actByHand(desk: Desk, byHand: DemoStatements['byHand']): Promise<DemoPayments['byHand']> {
  const officer = actorOf(desk, 'officer');
  const db = desk.read;
  const unmatched = (transactionId: string) =>
    db.first(
      db
        .selectFrom('payment_keys as k')
        .innerJoin('payments as p', 'p.id', 'k.payment_id')
        .select('p.id')
        .where('k.key', '=', transactionId)
        .where('p.state', '=', 'unmatched'),
    )?.id;
  const done = { matched: 0, notOurs: 0, refundDue: 0 };
  if (byHand.match) {
    const paymentId = unmatched(byHand.match.transactionId);
    const invoiceId = db.first(db.selectFrom('invoices').select('id').where('bill_ref', '=', byHand.match.billRef))?.id;
    if (paymentId && invoiceId) {
      await run(desk, 'payment.match', { paymentId, invoiceId, reason: byHand.match.reason }, officer);
      done.matched++;
    }
  }
  if (byHand.notOurs) {
    const paymentId = unmatched(byHand.notOurs.transactionId);
    if (paymentId) {
      await run(desk, 'payment.ignore', { paymentId, reason: byHand.notOurs.reason }, officer);
      done.notOurs++;
    }
  }
  if (byHand.refund) {
    const paymentId = unmatched(byHand.refund.transactionId);
    if (paymentId) {
      await run(desk, 'payment.flagRefund', { paymentId, reason: byHand.refund.reason }, officer);
      done.refundDue++;
    }
  }
  return done;
}
