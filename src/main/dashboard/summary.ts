import { sql, type SelectQueryBuilder } from 'kysely';
import type { DashboardSummary } from '../../shared/contract/insight.js';
import { nairobiYear } from '../../shared/time.js';
import { defineQuery } from '../core/registry.js';
import type { Database } from '../db/schema.js';

const QUEUE_AGES = [
  { label: 'Under 3 days', from: 0, to: 3 },
  { label: '3 to 7 days', from: 3, to: 7 },
  { label: '7 to 14 days', from: 7, to: 14 },
  { label: 'Over 14 days', from: 14, to: null },
];
const WAITING_AGES = [
  { label: 'Under 7 days', from: 0, to: 7 },
  { label: '7 to 30 days', from: 7, to: 30 },
  { label: 'Over 30 days', from: 30, to: null },
];

// oxlint-disable-next-line typescript/no-explicit-any -- any tables: Kysely's own idiom for a subquery passed around
type AgeSource = SelectQueryBuilder<Database, any, { t: string }>;

/** The first screen of each role: what waits for them, or the state of the year. */
export const dashboardSummary = defineQuery('dashboard.summary', async ({ db, actor, desk }, input): Promise<DashboardSummary> => {
  const now = desk.clock().toISOString();
  // oxlint-disable-next-line typescript/no-explicit-any -- counts rows of any table
  const count = (rows: SelectQueryBuilder<Database, any, object>) => db.first(rows.select((eb) => eb.fn.countAll<number>().as('n')))!.n;
  /** Counts rows of `source` (which yields a time `t`) in each age band, in days before now. */
  const byAge = <A extends { from: number; to: number | null }>(source: AgeSource, ages: A[]) =>
    ages.map((a) => {
      const age = sql<number>`julianday(${now}) - julianday(s.t)`;
      const banded = db
        .selectFrom(source.as('s'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(age, '>=', a.from);
      return { ...a, count: db.first(a.to === null ? banded : banded.where(age, '<', a.to))!.n };
    });
  if (actor.role === 'clerk') {
    const centre = actor.centreId ?? 'none';
    return {
      role: actor.role,
      batchesOnTheWay: count(db.selectFrom('dispatch_batches').where('centre_id', '=', centre).where('state', '=', 'dispatched')),
      waitingByAge: byAge(
        db.selectFrom('licences').select('state_since as t').where('centre_id', '=', centre).where('state', '=', 'at_centre'),
        WAITING_AGES,
      ).map(({ label, count: n }) => ({ label, count: n })),
    };
  }
  if (actor.role === 'officer') {
    return {
      role: actor.role,
      queueByAge: byAge(db.selectFrom('applications').select('submitted_at as t').where('state', '=', 'submitted'), QUEUE_AGES),
      approvedUnpaid: count(db.selectFrom('applications').where('state', '=', 'approved')),
      paymentsUnmatched: count(db.selectFrom('payments').where('state', '=', 'unmatched')),
      licencesToDispatch: count(db.selectFrom('licences').where('state', '=', 'issued')),
    };
  }
  const latest = db.first(db.selectFrom('applications').select((eb) => eb.fn.max('licence_year').as('year')))?.year;
  const year = input.licenceYear ?? (latest || nairobiYear(now));
  const inYear = (states: Database['applications']['state'][]) =>
    count(db.selectFrom('applications').where('licence_year', '=', year).where('state', 'in', states));
  const decisions = db
    .selectFrom('application_history as h')
    .innerJoin('applications as a', 'a.id', 'h.application_id')
    .where('h.action', 'in', ['approve', 'reject', 'return'])
    .where('a.licence_year', '=', year);
  const turnaround = db.all(
    decisions
      .select((eb) => ['h.actor_name as officer', eb.fn.countAll<number>().as('decided')])
      .groupBy('h.actor_name')
      .orderBy('decided', 'desc'),
  );
  const hoursOf = (officer: string) =>
    db
      .all(
        decisions
          .where('h.actor_name', '=', officer)
          .select(sql<number>`(julianday(h.at) - julianday(a.submitted_at)) * 24`.as('hours'))
          .orderBy('hours'),
      )
      .map((r) => r.hours);
  return {
    role: actor.role,
    licenceYear: year,
    funnel: [
      { stage: 'submitted', count: inYear(['submitted', 'approved', 'rejected', 'returned', 'paid', 'licensed']) },
      { stage: 'approved', count: inYear(['approved', 'paid', 'licensed']) },
      { stage: 'paid', count: inYear(['paid', 'licensed']) },
      { stage: 'licensed', count: inYear(['licensed']) },
      { stage: 'collected', count: count(db.selectFrom('licences').where('licence_year', '=', year).where('state', '=', 'collected')) },
    ],
    turnaround: turnaround.map((t) => {
      const hours = hoursOf(t.officer);
      const mid = Math.floor(hours.length / 2);
      const median = hours.length % 2 ? hours[mid]! : (hours[mid - 1]! + hours[mid]!) / 2;
      return { officer: t.officer, decided: t.decided, medianHours: Math.round(Math.max(0, median) * 10) / 10 };
    }),
    smsFailed: count(db.selectFrom('sms_messages').where('state', '=', 'failed')),
    smsUncertain: count(db.selectFrom('sms_messages').where('state', '=', 'uncertain')),
  };
});
