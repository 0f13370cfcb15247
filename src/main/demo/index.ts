/**
 * `kmlttb demo`: realistic Kenyan demo data, made through the same commands staff use. One file
 * per kind of data: users, fees, applications, decisions, payments (statements.ts builds the
 * files), licences, SMS. The same seed gives the same data.
 *
 * The story, in order: the applications arrive from eCitizen; the officer decides most of the
 * ones he will decide; the finance office's eCitizen and M-Pesa files come in and the officer
 * reconciles them; the SMS of all that go out and delivery reports come back; then the officer
 * makes the latest decisions, whose SMS are still queued.
 */
import { formatKes } from '../../shared/money.js';
import { betweenTransactions } from '../db/betweenTransactions.js';
import { sql } from '../db/handles.js';
import type { Desk } from '../desk.js';
import { demoRefPrefix, generateApplications, importDemoApplications } from './applications.js';
import { addDecisions, decideDemoApplications, planDecisions, type DemoDecisions } from './decisions.js';
import { ensureDemoFees, type DemoFee } from './fees.js';
import { licenseDemo, type DemoLicences } from './licences.js';
import { payDemoInvoices, type DemoPayments } from './payments.js';
import { Random } from './random.js';
import { sendDemoSms, type DemoSms } from './sms.js';
import { anyOf, demoApplication } from './support.js';
import { DEMO_PASSWORD, ensureDemoUsers } from './users.js';

export interface DemoOptions {
  applications?: number;
  seed?: number;
}

/** The share of the officer's decisions made last, after the SMS went out: their SMS stay queued. */
export const LATEST_DECISIONS_SHARE = 0.15;

type Tally = Record<string, number>;

export interface DemoSummary {
  dataDir: string;
  seed: number;
  users: { created: string[]; existing: string[]; password: string };
  fees: DemoFee[];
  import: { fileName: string; rowsRead: number; imported: number; resubmitted: number; unchanged: number };
  practitioners: number;
  applications: { total: number; flagged: number; byState: Tally; byLicenceYear: Tally };
  /** All the officer's decisions in this run; `latest` of them after the SMS went out. */
  decisions: DemoDecisions & { latest: number };
  invoices: { total: number; byState: Tally };
  payments: DemoPayments & { total: number; byState: Tally; byRule: Tally };
  sms: { total: number; queued: number; byState: Tally; sending: DemoSms };
  licences: DemoLicences & { byState: Tally };
}

export async function runDemo(desk: Desk, options: DemoOptions = {}): Promise<DemoSummary> {
  // Demo data is made in bulk, hundreds of small commits (the SMS worker alone makes two per
  // message): in WAL mode, NORMAL waits for the disk at checkpoints only, which is safe against a
  // crash of the app and several times faster here. The desk's own setting comes back after.
  // SQLite refuses the change inside a transaction, and in a running app others (the SMS worker,
  // the sync client, a command from another window) may hold one on the same connection: the
  // change waits for the connection to be free.
  const synchronous = await betweenTransactions(desk, () => {
    const level = desk.sqlite.pragma('synchronous', { simple: true }) as number;
    desk.sqlite.pragma('synchronous = NORMAL');
    return level;
  });
  try {
    return await makeDemo(desk, options);
  } finally {
    await betweenTransactions(desk, () => desk.sqlite.pragma(`synchronous = ${synchronous}`));
  }
}

async function makeDemo(desk: Desk, options: DemoOptions): Promise<DemoSummary> {
  const count = options.applications ?? 300;
  const seed = options.seed ?? 1;
  const prefix = demoRefPrefix(seed);
  // Independent streams, so that adding a kind of data does not change the others.
  const rows = generateApplications(new Random(seed), count, seed);

  const users = await ensureDemoUsers(desk);
  const fees = await ensureDemoFees(
    desk,
    rows.map((r) => Number(r.licence_year)),
  );
  const fileName = `demo-applications-seed-${seed}.csv`;
  const report = await importDemoApplications(desk, rows, fileName);
  const refs = rows.map((r) => r.application_ref);

  const plan = planDecisions(new Random(seed ^ 0x5eed), refs);
  const latestCount = plan.length === 0 ? 0 : Math.max(1, Math.round(plan.length * LATEST_DECISIONS_SHARE));
  const earlier = plan.slice(0, plan.length - latestCount);
  const latest = plan.slice(plan.length - latestCount);
  const first = await decideDemoApplications(desk, earlier);

  const nationalIdOf = new Map(rows.map((r) => [r.application_ref, r.national_id]));
  const payments = await payDemoInvoices(desk, new Random(seed ^ 0x9a1d), seed, { plan, made: earlier }, nationalIdOf);

  // Before the SMS go out, so that the "licence at the centre" messages go with the others.
  const licences = await licenseDemo(desk, new Random(seed ^ 0x11ce), prefix);

  const sms = await sendDemoSms(desk, new Random(seed ^ 0x5e4d), seed, prefix, new Set(latest.map((d) => d.ref)));
  const last = await decideDemoApplications(desk, latest);

  const decided = addDecisions(first, last);
  return {
    dataDir: desk.dataDir,
    seed,
    users: { ...users, password: DEMO_PASSWORD },
    fees,
    import: { fileName, rowsRead: report.rowsRead, imported: report.imported, resubmitted: report.resubmitted, unchanged: report.unchanged },
    ...counts(desk, prefix, payments, sms),
    licences: {
      ...licences,
      byState: tally(
        desk.read.all(
          desk.read
            .selectFrom('licences as l')
            .innerJoin('applications as a', 'a.id', 'l.application_id')
            .select(['l.state as k', COUNT])
            .where(demoApplication(prefix))
            .groupBy('l.state')
            .orderBy('l.state'),
        ),
      ),
    },
    decisions: { ...decided, latest: last.approved + last.rejected + last.returned },
  };
}

/** The tally of `rows` (a value and how many have it), by value. */
function tally(rows: readonly { k: string | number | null; n: number }[]): Tally {
  return Object.fromEntries(rows.map((r) => [String(r.k), r.n]));
}

const COUNT = sql<number>`count(*)`.as('n');

function counts(
  desk: Desk,
  refPrefix: string,
  made: DemoPayments,
  sending: DemoSms,
): Omit<DemoSummary, 'dataDir' | 'seed' | 'users' | 'fees' | 'import' | 'decisions' | 'licences'> {
  const db = desk.read;
  const apps = db.selectFrom('applications').where(demoApplication(refPrefix));
  const ids = apps.select('id');
  const invoices = db.selectFrom('invoices').where('application_id', 'in', ids);
  const payments = db.selectFrom('payments').where('source_file', 'in', anyOf(made.files.map((f) => f.fileName)));
  const sms = db.selectFrom('sms_messages').where('application_id', 'in', ids);
  const smsByState = tally(db.all(sms.select(['state as k', COUNT]).groupBy('state').orderBy('state')));
  return {
    practitioners: db.first(apps.select((eb) => eb.fn.count<number>('practitioner_id').distinct().as('n')))!.n,
    applications: {
      total: db.first(apps.select(COUNT))!.n,
      flagged: db.first(apps.select(COUNT).where('flag_count', '>', 0))!.n,
      byState: tally(db.all(apps.select(['state as k', COUNT]).groupBy('state').orderBy('state'))),
      byLicenceYear: tally(db.all(apps.select(['licence_year as k', COUNT]).groupBy('licence_year').orderBy('licence_year'))),
    },
    invoices: {
      total: db.first(invoices.select(COUNT))!.n,
      byState: tally(db.all(invoices.select(['state as k', COUNT]).groupBy('state').orderBy('state'))),
    },
    payments: {
      ...made,
      total: db.first(payments.select(COUNT))!.n,
      byState: tally(db.all(payments.select(['state as k', COUNT]).groupBy('state').orderBy('state'))),
      byRule: tally(db.all(payments.select(['match_rule as k', COUNT]).where('state', '=', 'matched').groupBy('match_rule').orderBy('match_rule'))),
    },
    sms: {
      total: db.first(sms.select(COUNT))!.n,
      queued: smsByState.queued ?? 0,
      byState: smsByState,
      sending,
    },
  };
}

/** What the demo made, for a person reading a terminal. */
export function describeDemo(s: DemoSummary): string {
  const list = (o: Tally) =>
    Object.entries(o)
      .map(([k, n]) => `${k.replace(/_/g, ' ')} ${n}`)
      .join(', ') || 'none';
  const fees = s.fees.map((f) => `${f.cadre} ${f.licenceYear} ${formatKes(f.amountCents)}${f.created ? ' (placeholder)' : ' (already set)'}`);
  const p = s.payments;
  const files = p.files.map((f) => `${f.fileName}: ${f.rowsRead} rows, ${f.added} new, ${f.alreadyKnown} already known, ${f.notCounted} not counted`);
  const sent = s.sms.sending;
  return [
    `Demo data (seed ${s.seed}) in ${s.dataDir}:`,
    `  users: ${s.users.created.length ? `${s.users.created.join(', ')} created` : 'none created'}${s.users.existing.length ? `; ${s.users.existing.join(', ')} already there` : ''} (password '${s.users.password}' for those created)`,
    `  fees: ${fees.join('; ')}`,
    `  import ${s.import.fileName}: ${s.import.rowsRead} rows, ${s.import.imported} new, ${s.import.resubmitted} resubmitted, ${s.import.unchanged} unchanged`,
    `  practitioners: ${s.practitioners}`,
    `  applications: ${s.applications.total} (${list(s.applications.byState)}); ${s.applications.flagged} with review flags`,
    `  licence years: ${list(s.applications.byLicenceYear)}`,
    `  decisions by officer: ${s.decisions.approved} approved (${s.decisions.approvedWithFlags} despite flags), ${s.decisions.rejected} rejected, ${s.decisions.returned} returned; the latest ${s.decisions.latest} after the SMS went out`,
    `  invoices: ${s.invoices.total} (${list(s.invoices.byState)})`,
    ...files.map((f) => `  payments import ${f}`),
    `  payments: ${p.total} (${list(p.byState)}); matched by ${list(p.byRule)}`,
    `  by hand (officer): ${p.byHand.matched} matched, ${p.byHand.notOurs} marked not ours, ${p.byHand.refundDue} refund due`,
    `  SMS: ${s.sms.total} (${list(s.sms.byState)})`,
    sent.skipped
      ? `  SMS sending: skipped (${sent.skipped})`
      : `  SMS sending: ${sent.sent} sent, ${sent.refused} refused through a stand-in gateway (no network); delivery reports: ${sent.reports.delivered} delivered, ${sent.reports.failed} not delivered, ${sent.reports.awaited} not in yet`,
    `  SMS queued: ${s.sms.queued} (the latest decisions'; send with 'kmlttb sms send-pending' once a gateway is set)`,
    `  licences: ${Object.values(s.licences.byState).reduce((a, b) => a + b, 0)} (${list(s.licences.byState)}); ${s.licences.batches} batches dispatched, ${s.licences.batchesReceived} received; ${s.licences.collected} collected (${s.licences.byProxy} by proxy), ${s.licences.revoked} revoked`,
  ].join('\n');
}
