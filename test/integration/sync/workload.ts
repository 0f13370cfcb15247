/**
 * A random workload for the convergence test: for every command a person can make on a desk and
 * the desk pushes to the central service, a generator that makes a plausible input for it from
 * what the desk holds now (or null when nothing fits yet). The list of commands is derived from
 * the contract's facts, so a new command that syncs shows up as missing here.
 */
import type { Actor } from '../../../src/main/core/actor.js';
import type { Desk } from '../../../src/main/desk.js';
import { PUSHED_COMMANDS } from '../../../src/shared/contract/facts.js';
import { commands, SMS_EVENTS, type CommandName } from '../../../src/shared/contract/index.js';
import { can, ROLES, type Role } from '../../../src/shared/permissions.js';
import { actorOn } from './support.js';

/** The commands a signed-in person can make on a desk and that the desk pushes (delivery reports are the system's). */
export const DESK_COMMANDS: readonly CommandName[] = [...PUSHED_COMMANDS]
  .map((n) => n as CommandName)
  .filter((n) => ROLES.some((r) => can(r, commands[n].permission)))
  .sort();

/** Commands a desk that syncs refuses by design (its own refusal, which the run checks), so never pushed. */
export const REFUSED_ON_SYNCING_DESKS: Partial<Record<CommandName, RegExp>> = {
  'sms.sendTest': /syncs with a central service, which sends the SMS with its own gateway settings/,
};

/** The users made by makeDesk: the ones a test can sign ops for (their keys are wrapped with the shared test password). */
const SIGNERS = ['admin', 'officer', 'auditor', 'clerk.nrb', 'clerk.msa'];

export interface Bench {
  desk: Desk;
  random(): number;
  /** Digits no other desk or step uses (up to 7). */
  unique(): string;
  /** Desks registered on the service only to be withdrawn. */
  spareDeskNames: readonly string[];
}

type Generator = (b: Bench) => unknown | null | Promise<unknown | null>;

const pick = <T>(b: Bench, items: readonly T[]): T | null => (items.length ? items[Math.floor(b.random() * items.length)]! : null);
const ids = (b: Bench, sql: string, ...params: unknown[]) =>
  b.desk.sqlite
    .prepare(sql)
    .pluck()
    .all(...params) as string[];
const oneOf = (b: Bench, sql: string, ...params: unknown[]) => pick(b, ids(b, sql, ...params));
const reason = (b: Bench) => pick(b, ['Checked with the applicant', 'Wrong reference on the slip', 'Confirmed by finance'])!;
const base64 = (text: string) => Buffer.from(text).toString('base64');

/**
 * A password verifier and op-signing key as a desk sends them (a password typed on a desk is
 * turned into these before the op is recorded): copied from a user here, so the run pays for no
 * password hashing (user.create's own tests do).
 */
function credentialsOf(b: Bench, username: string) {
  const row = b.desk.sqlite.prepare('SELECT password_hash, op_public_key, op_key_wrapped FROM users WHERE username = ?').get(username) as {
    password_hash: string;
    op_public_key: string;
    op_key_wrapped: string;
  };
  return { passwordHash: row.password_hash, opPublicKey: row.op_public_key, opKeyWrapped: row.op_key_wrapped };
}

/** Up to `n` of the items, at random. */
function some<T>(b: Bench, items: readonly T[], n: number): T[] {
  const left = [...items];
  const out: T[] = [];
  while (left.length && out.length < n) out.push(left.splice(Math.floor(b.random() * left.length), 1)[0]!);
  return out;
}

/** An eCitizen application as `applications.receive` takes it: a Nakuru applicant's, with these fields. */
export function eCitizenApplication(fields: {
  application_ref: string;
  national_id: string;
  registration_no: string;
  last_name: string;
  cadre: string;
}): Record<string, string> {
  // In the order eCitizen sends them (an import's columns follow it).
  return {
    application_ref: fields.application_ref,
    submitted_at: '2026-11-20T09:00:00+03:00',
    national_id: fields.national_id,
    registration_no: fields.registration_no,
    first_name: 'Njeri',
    middle_name: '',
    last_name: fields.last_name,
    phone: '0712345678',
    email: 'njeri@example.co.ke',
    cadre: fields.cadre,
    qualification: 'Diploma in Medical Laboratory Sciences',
    county: 'Nakuru',
    employer: 'Nakuru Level 5',
    licence_year: '2026',
    cpd_points: '35',
    collection_centre: 'NRB',
    declaration_accepted: 'true',
    disclosures: '',
  };
}

const applicationFields = (b: Bench, tag: string) =>
  eCitizenApplication({
    application_ref: `ECZ-W-${tag}`,
    national_id: `5${tag}`,
    registration_no: `W/${tag}`,
    last_name: `Mwangi${tag}`,
    cadre: pick(b, ['technologist', 'technician'])!,
  });

const csvLine = (values: readonly string[]) => values.map((v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',');

/** A payment for an open invoice: the exact amount, part of it, too much, or a reference with a typo. */
function paymentFor(b: Bench): { ref: string; amount: number } {
  const invoice = b.desk.sqlite
    .prepare("SELECT bill_ref AS ref, amount_due_cents - amount_paid_cents AS balance FROM invoices WHERE state IN ('unpaid', 'partially_paid') ORDER BY id")
    .all() as { ref: string; balance: number }[];
  const chosen = pick(b, invoice);
  if (!chosen) return { ref: `LB${b.unique()}`, amount: 1500 };
  const way = b.random();
  const amount = way < 0.4 ? chosen.balance : way < 0.55 ? Math.floor(chosen.balance / 2) : way < 0.7 ? chosen.balance + 50_000 : chosen.balance;
  const ref = way >= 0.7 ? `${chosen.ref.slice(0, -1)}${chosen.ref.endsWith('0') ? '1' : '0'}` : chosen.ref;
  return { ref, amount: amount / 100 };
}

async function suggestedMatch(b: Bench, officer: Actor) {
  for (const paymentId of some(b, ids(b, "SELECT id FROM payments WHERE state = 'unmatched' ORDER BY id"), 4)) {
    const detail = await b.desk.query('payment.detail', { id: paymentId }, officer);
    const top = detail.ok ? detail.value.suggestions.find((s) => s.invoiceState !== 'paid' && s.invoiceState !== 'overpaid') : undefined;
    if (top) return { accept: [{ paymentId, invoiceId: top.invoiceId }] };
  }
  return null;
}

export const GENERATORS: Partial<Record<CommandName, Generator>> = {
  'application.approve': (b) => {
    const applicationId = oneOf(b, "SELECT id FROM applications WHERE state = 'submitted' ORDER BY id") ?? oneOf(b, 'SELECT id FROM applications ORDER BY id');
    return applicationId && { applicationId };
  },
  'application.reject': (b) => {
    const applicationId = oneOf(b, "SELECT id FROM applications WHERE state IN ('submitted', 'approved') ORDER BY id");
    return applicationId && { applicationId, reason: 'CPD points missing' };
  },
  'application.return': (b) => {
    const applicationId = oneOf(b, "SELECT id FROM applications WHERE state = 'submitted' ORDER BY id");
    return applicationId && { applicationId, reason: 'Upload the qualification certificate' };
  },
  'applications.import': (b) => {
    const rows = [0, 1].map((i) => applicationFields(b, `${b.unique()}${i}`));
    const csv = [csvLine(Object.keys(rows[0]!)), ...rows.map((r) => csvLine(Object.values(r)))].join('\n');
    return { fileName: 'applications.csv', dataBase64: base64(csv), dryRun: false };
  },
  'applications.receive': (b) => ({ application: applicationFields(b, b.unique()) }),
  'user.create': (b) => ({ username: `user${b.unique()}`, fullName: 'Added In The Run', role: 'auditor', credentials: credentialsOf(b, 'auditor') }),
  'user.update': (b) => {
    const id = oneOf(b, "SELECT id FROM users WHERE username NOT IN ('admin', 'officer') ORDER BY id");
    return id && { id, fullName: `Renamed ${b.unique()}` };
  },
  // Only people added in the run: the test signs ops as makeDesk's users, with the keys they have.
  'user.setPassword': (b) => {
    const id = oneOf(b, "SELECT id FROM users WHERE username LIKE 'user%' ORDER BY id");
    return id && { id, credentials: credentialsOf(b, 'admin') };
  },
  'centre.create': (b) => ({ code: `C${b.unique()}`, name: `Centre ${b.unique()}`, town: 'Eldoret' }),
  'centre.update': (b) => {
    const id = oneOf(b, 'SELECT id FROM centres ORDER BY id');
    return id && { id, name: `Centre renamed ${b.unique()}` };
  },
  'fee.set': (b) => ({ cadre: pick(b, ['technologist', 'technician']), licenceYear: 2027, amountCents: 100_000 + Math.floor(b.random() * 10) * 10_000 }),
  'setting.set': (b) => ({ key: 'exports.keepDays', value: pick(b, ['30', '60', '90']) }),
  'settings.save': (b) => ({ values: [{ key: 'exports.keepDays', value: pick(b, ['30', '60', '90']) }] }),
  'report.exported': () => ({ report: 'licences', format: 'csv', filters: {}, rows: 0, file: 'licences.csv' }),
  'sms.resend': (b) => {
    const id = oneOf(b, "SELECT id FROM sms_messages WHERE state IN ('failed', 'uncertain') ORDER BY id");
    return id && { id, reason: 'The applicant asked again' };
  },
  'sms.cancel': (b) => {
    const id = oneOf(b, "SELECT id FROM sms_messages WHERE state = 'queued' ORDER BY id");
    return id && { id, reason: 'Told the applicant in person' };
  },
  'sms.resume': () => ({}),
  'smsTemplate.set': (b) => ({
    event: pick(b, SMS_EVENTS),
    language: pick(b, ['en', 'sw']),
    body: `Dear {name}, about application {ref}: see the board (${b.unique()}).`,
  }),
  'sms.sendTest': () => ({ phone: '0712345678' }),
  'payments.import': (b) => {
    const { ref, amount } = paymentFor(b);
    const csv = [
      'invoice_number,client_invoice_ref,amount_paid,invoice_amount,currency,payment_date,payment_channel,phone_number,status',
      `ECZ-P${b.unique()},${ref},${amount},${amount},KES,2026-11-21 10:00:00+03:00,MPESA,254712345678,settled`,
    ].join('\n');
    return { fileName: 'payments.csv', dataBase64: base64(csv), dryRun: false };
  },
  'payments.receive': (b) => {
    const { ref, amount } = paymentFor(b);
    return {
      notification: {
        invoice_number: `ECZ-N${b.unique()}`,
        client_invoice_ref: ref,
        amount_paid: amount.toFixed(2),
        invoice_amount: amount.toFixed(2),
        currency: 'KES',
        payment_date: '2026-11-21T10:00:00Z',
        payment_channel: 'MPESA',
        phone_number: '254712345678',
        status: 'settled',
      },
    };
  },
  'payments.autoMatch': () => ({}),
  'payment.match': (b) => {
    const paymentId = oneOf(b, "SELECT id FROM payments WHERE state = 'unmatched' ORDER BY id");
    // An open invoice when there is one; else any (matched by hand, a paid one becomes overpaid).
    const invoiceId =
      oneOf(b, "SELECT id FROM invoices WHERE state IN ('unpaid', 'partially_paid') ORDER BY id") ?? oneOf(b, 'SELECT id FROM invoices ORDER BY id');
    return paymentId && invoiceId && { paymentId, invoiceId, reason: reason(b) };
  },
  'payments.acceptSuggestions': (b) => suggestedMatch(b, actorOn(b.desk, 'officer')),
  'payment.unmatch': (b) => {
    const paymentId = oneOf(b, "SELECT id FROM payments WHERE state = 'matched' ORDER BY id");
    return paymentId && { paymentId, reason: reason(b) };
  },
  'payment.ignore': (b) => {
    const paymentId = oneOf(b, "SELECT id FROM payments WHERE state = 'unmatched' ORDER BY id");
    return paymentId && { paymentId, reason: reason(b) };
  },
  'payment.flagRefund': (b) => {
    const paymentId = oneOf(b, "SELECT id FROM payments WHERE state = 'unmatched' ORDER BY id");
    return paymentId && { paymentId, reason: reason(b) };
  },
  'payment.refundMade': (b) => {
    const paymentId = oneOf(b, "SELECT id FROM payments WHERE state = 'refund_due' AND refunded_at IS NULL ORDER BY id");
    return paymentId && { paymentId, reason: reason(b) };
  },
  'invoice.refundMade': (b) => {
    const invoiceId = oneOf(b, "SELECT id FROM invoices WHERE state = 'overpaid' AND refunded_at IS NULL ORDER BY id");
    return invoiceId && { invoiceId, reason: reason(b) };
  },
  'licence.issue': (b) => {
    const paid = ids(b, "SELECT id FROM applications WHERE state = 'paid' ORDER BY id");
    return paid.length ? { applicationIds: some(b, paid, 3) } : null;
  },
  'licence.reassign': (b) => {
    const licence = b.desk.sqlite.prepare("SELECT id, centre_id FROM licences WHERE state = 'issued' ORDER BY id").all() as { id: string; centre_id: string }[];
    const l = pick(b, licence);
    const centreId = l && oneOf(b, "SELECT id FROM centres WHERE active = 1 AND code IN ('NRB', 'MSA') AND id <> ? ORDER BY id", l.centre_id);
    return l && centreId && { licenceId: l.id, centreId, reason: 'The holder moved' };
  },
  'licence.revoke': (b) => {
    const licenceId = oneOf(b, "SELECT id FROM licences WHERE state <> 'revoked' ORDER BY id");
    return licenceId && { licenceId, reason: 'Issued in error' };
  },
  'batch.create': (b) => {
    const centreId = oneOf(b, "SELECT DISTINCT centre_id FROM licences WHERE state = 'issued' ORDER BY centre_id");
    return centreId && { centreId, licenceIds: [] };
  },
  'batch.receive': (b) => {
    const batchId = oneOf(b, "SELECT id FROM dispatch_batches WHERE state = 'dispatched' ORDER BY id");
    return batchId && { batchId };
  },
  'licence.collect': (b) => {
    const licenceId = oneOf(b, "SELECT id FROM licences WHERE state = 'at_centre' ORDER BY id");
    if (!licenceId) return null;
    return b.random() < 0.5
      ? { licenceId, collector: 'holder' }
      : { licenceId, collector: 'proxy', collectorName: 'Akinyi Odhiambo', collectorIdNo: '12345678', note: 'Letter from the holder' };
  },
  'sync.withdrawDesk': (b) => {
    const deskId = oneOf(
      b,
      `SELECT id FROM sync_desks WHERE withdrawn_at IS NULL AND name IN (${b.spareDeskNames.map(() => '?').join(', ')}) ORDER BY id`,
      ...b.spareDeskNames,
    );
    return deskId && { deskId, confirmThisDesk: false };
  },
};

/** The people on this desk who may make `name` and whose ops the test can sign. */
export function makersOf(desk: Desk, name: CommandName): Actor[] {
  const users = desk.sqlite
    .prepare(`SELECT username, role FROM users WHERE op_key_wrapped IS NOT NULL AND active = 1 AND username IN (${SIGNERS.map(() => '?').join(', ')})`)
    .all(...SIGNERS) as { username: string; role: Role }[];
  return users.filter((u) => can(u.role, commands[name].permission)).map((u) => actorOn(desk, u.username));
}
