import { sql } from 'kysely';
import type { ApplicationDetail, ApplicationRow, HistoryEntry, SmsPreview } from '../../shared/contract/applications.js';
import { defineQuery } from '../core/registry.js';
import { feeFor } from '../billing/invoice.js';
import { composeSms } from '../sms/queue.js';
import { normalisePhone } from '../../shared/phone.js';
import { smsLanguage, smsValues } from './decide.js';
import { flagsForApplication } from './flags.js';
import { loadApplication } from './load.js';

const SORT_COLUMNS = {
  submittedAt: 'a.submitted_at',
  name: 'a.sort_name',
  applicationRef: 'a.application_ref',
  state: 'a.state',
  cpdPoints: 'a.cpd_points',
  centre: 'c.name',
  licenceYear: 'a.licence_year',
} as const;

/** `"jane wanj"` → `"jane"* "wanj"*`: every word must match as a prefix. */
export function ftsQuery(search: string): string | null {
  const words = search.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

export const applicationsList = defineQuery('applications.list', async (db, _ctx, input) => {
  let q = db
    .selectFrom('applications as a')
    .innerJoin('practitioners as p', 'p.id', 'a.practitioner_id')
    .leftJoin('centres as c', 'c.id', 'a.centre_id');
  if (input.state) q = q.where('a.state', '=', input.state);
  if (input.licenceYear) q = q.where('a.licence_year', '=', input.licenceYear);
  if (input.cadre) q = q.where('a.cadre', '=', input.cadre);
  if (input.centreId) q = q.where('a.centre_id', '=', input.centreId);
  if (input.county) q = q.where('a.county', '=', input.county);
  if (input.flagged !== undefined) q = q.where('a.flag_count', input.flagged ? '>' : '=', 0);
  const match = input.search ? ftsQuery(input.search) : null;
  if (match) q = q.where(sql<boolean>`a.rowid IN (SELECT rowid FROM applications_search WHERE applications_search MATCH ${match})`);

  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'a.id', 'a.application_ref', 'a.submitted_at', 'a.sort_name', 'a.licence_year', 'a.cpd_points', 'a.state',
      'a.flag_count', 'a.cadre', 'a.county', 'p.first_name', 'p.middle_name', 'p.last_name', 'p.national_id',
      'p.phone', 'c.name as centre_name',
    ])
    .orderBy(sql.ref(SORT_COLUMNS[input.sort]), input.dir)
    .orderBy('a.id', input.dir)
    .limit(input.pageSize)
    .offset(input.page * input.pageSize)
    .execute();
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    rows: rows.map((r): ApplicationRow => ({
      id: r.id,
      applicationRef: r.application_ref,
      submittedAt: r.submitted_at,
      fullName: [r.first_name, r.middle_name, r.last_name].filter(Boolean).join(' '),
      nationalId: r.national_id,
      phone: r.phone,
      cadre: r.cadre,
      licenceYear: r.licence_year,
      cpdPoints: r.cpd_points,
      county: r.county,
      centreName: r.centre_name,
      state: r.state,
      flagCount: r.flag_count,
    })),
  };
});

export const applicationDetail = defineQuery('application.detail', async (db, ctx, input) => {
  const { sqlite } = ctx;
  return db.connection().execute(async () => {
    const app = loadApplication(sqlite, input.id);
    const p = sqlite.prepare('SELECT * FROM practitioners WHERE id = ?').get(app.practitioner_id) as Record<string, string>;
    const invoice = sqlite
      .prepare('SELECT bill_ref, amount_due_cents, amount_paid_cents, state FROM invoices WHERE application_id = ?')
      .get(app.id) as { bill_ref: string; amount_due_cents: number; amount_paid_cents: number; state: string } | undefined;
    const decidedBy = app.decided_by
      ? (sqlite.prepare('SELECT username FROM users WHERE id = ?').get(app.decided_by) as { username: string } | undefined)?.username ?? null
      : null;
    const history = sqlite
      .prepare('SELECT at, actor_name AS actor, action, from_state AS fromState, to_state AS toState, reason, revision FROM application_history WHERE application_id = ? ORDER BY id')
      .all(app.id) as HistoryEntry[];
    const detail: ApplicationDetail = {
      id: app.id,
      applicationRef: app.application_ref,
      submittedAt: app.submitted_at,
      fullName: [p.first_name, p.middle_name, p.last_name].filter(Boolean).join(' '),
      nationalId: p.national_id!,
      phone: app.p_phone,
      cadre: app.cadre,
      licenceYear: app.licence_year,
      cpdPoints: app.cpd_points,
      county: app.county,
      centreName: app.centre_name,
      state: app.state,
      flagCount: app.flag_count,
      revision: app.revision,
      registrationNo: p.registration_no!,
      firstName: p.first_name!,
      middleName: p.middle_name!,
      lastName: p.last_name!,
      email: p.email!,
      qualification: p.qualification!,
      employer: p.employer!,
      registerStatus: p.register_status!,
      declarationAccepted: app.declaration_accepted === 1,
      disclosures: app.disclosures,
      centreId: app.centre_id,
      centreText: app.centre_text,
      decidedBy,
      decidedAt: app.decided_at,
      decisionReason: app.decision_reason,
      flags: flagsForApplication(sqlite, app.id, Number(ctx.desk.setting('review.cpdThreshold'))),
      invoice: invoice
        ? { billRef: invoice.bill_ref, amountDueCents: invoice.amount_due_cents, amountPaidCents: invoice.amount_paid_cents, state: invoice.state }
        : null,
      feeCents: feeFor(sqlite, app.cadre, app.licence_year),
      history,
    };
    return detail;
  });
});

/** The SMS the decision would send, so the officer sees it before confirming. */
export const applicationSmsPreview = defineQuery('application.smsPreview', async (db, ctx, input) => {
  const { sqlite } = ctx;
  return db.connection().execute(async (): Promise<SmsPreview> => {
    const app = loadApplication(sqlite, input.applicationId);
    const event = ({ approve: 'approved', reject: 'rejected', return: 'returned' } as const)[input.decision];
    const fee = feeFor(sqlite, app.cadre, app.licence_year);
    const billRef = input.decision === 'approve'
      ? ((sqlite.prepare('SELECT bill_ref FROM invoices WHERE application_id = ?').get(app.id) as { bill_ref: string } | undefined)?.bill_ref ?? '(given on approval)')
      : undefined;
    const message = composeSms(sqlite, event, smsLanguage(app, ctx.desk.setting('sms.defaultLanguage')), smsValues(app, {
      reason: input.reason?.trim() || '…', billRef, amountCents: fee ?? undefined,
    }));
    const phone = normalisePhone(app.p_phone);
    const problems = [
      !phone.ok ? 'The phone number is not a valid Kenyan mobile number: this SMS cannot be sent.' : null,
      input.decision === 'approve' && fee === null ? `No fee is set for a ${app.cadre} in ${app.licence_year}.` : null,
    ].filter(Boolean);
    return {
      phone: phone.ok ? phone.msisdn : null,
      text: message.text, encoding: message.encoding, units: message.units, parts: message.parts,
      ...(problems.length ? { problem: problems.join(' ') } : {}),
    };
  });
});

export const applicationsFacets = defineQuery('applications.facets', async (_db, { sqlite }) => ({
  licenceYears: (sqlite.prepare('SELECT DISTINCT licence_year AS y FROM applications ORDER BY y DESC').all() as { y: number }[]).map((r) => r.y),
  counties: (sqlite.prepare("SELECT DISTINCT county AS c FROM applications WHERE county <> '' ORDER BY c").all() as { c: string }[]).map((r) => r.c),
}));

