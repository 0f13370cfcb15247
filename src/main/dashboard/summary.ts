import type { DashboardSummary } from '../../shared/contract/insight.js';
import { defineQuery } from '../core/registry.js';

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

/** The first screen of each role: what waits for them, or the state of the year. */
export const dashboardSummary = defineQuery('dashboard.summary', async (db, { sqlite, actor, desk }, input) =>
  db.connection().execute(async (): Promise<DashboardSummary> => {
    const now = desk.clock().toISOString();
    const count = (sql: string, ...params: unknown[]) => sqlite.prepare(sql).pluck().get(...params) as number;
    /** Counts rows of `source` (which yields a time `t`) in each age band, in days before now. */
    const byAge = <A extends { from: number; to: number | null }>(source: string, ages: A[], params: Record<string, unknown> = {}) =>
      ages.map((a) => ({
        ...a,
        count: sqlite
          .prepare(`SELECT count(*) FROM (${source}) WHERE julianday(@now) - julianday(t) >= @from AND (@to IS NULL OR julianday(@now) - julianday(t) < @to)`)
          .pluck()
          .get({ ...params, now, from: a.from, to: a.to }) as number,
      }));
    if (actor.role === 'clerk') {
      const centre = actor.centreId ?? 'none';
      return {
        role: actor.role,
        batchesOnTheWay: count(`SELECT count(*) FROM dispatch_batches WHERE centre_id = ? AND state = 'dispatched'`, centre),
        waitingByAge: byAge(`SELECT state_since AS t FROM licences WHERE centre_id = @centre AND state = 'at_centre'`, WAITING_AGES, { centre })
          .map(({ label, count: n }) => ({ label, count: n })),
      };
    }
    if (actor.role === 'officer') {
      return {
        role: actor.role,
        queueByAge: byAge(`SELECT submitted_at AS t FROM applications WHERE state = 'submitted'`, QUEUE_AGES),
        approvedUnpaid: count(`SELECT count(*) FROM applications WHERE state = 'approved'`),
        paymentsUnmatched: count(`SELECT count(*) FROM payments WHERE state = 'unmatched'`),
        licencesToDispatch: count(`SELECT count(*) FROM licences WHERE state = 'issued'`),
      };
    }
    const year = input.licenceYear ?? (count('SELECT max(licence_year) FROM applications') || Number(now.slice(0, 4)));
    const inYear = (states: string) => count(`SELECT count(*) FROM applications WHERE licence_year = ? AND state IN (${states})`, year);
    const turnaround = sqlite.prepare(
      `SELECT h.actor_name AS officer, count(*) AS decided
       FROM application_history h JOIN applications a ON a.id = h.application_id
       WHERE h.action IN ('approve', 'reject', 'return') AND a.licence_year = ? GROUP BY h.actor_name ORDER BY decided DESC`,
    ).all(year) as { officer: string; decided: number }[];
    const hoursOf = sqlite.prepare(
      `SELECT (julianday(h.at) - julianday(a.submitted_at)) * 24 FROM application_history h JOIN applications a ON a.id = h.application_id
       WHERE h.action IN ('approve', 'reject', 'return') AND a.licence_year = ? AND h.actor_name = ? ORDER BY 1`,
    ).pluck();
    return {
      role: actor.role,
      licenceYear: year,
      funnel: [
        { stage: 'submitted', count: inYear(`'submitted', 'approved', 'rejected', 'returned', 'paid', 'licensed'`) },
        { stage: 'approved', count: inYear(`'approved', 'paid', 'licensed'`) },
        { stage: 'paid', count: inYear(`'paid', 'licensed'`) },
        { stage: 'licensed', count: inYear(`'licensed'`) },
        { stage: 'collected', count: count(`SELECT count(*) FROM licences WHERE licence_year = ? AND state = 'collected'`, year) },
      ],
      turnaround: turnaround.map((t) => {
        const hours = hoursOf.all(year, t.officer) as number[];
        const mid = Math.floor(hours.length / 2);
        const median = hours.length % 2 ? hours[mid]! : (hours[mid - 1]! + hours[mid]!) / 2;
        return { officer: t.officer, decided: t.decided, medianHours: Math.round(Math.max(0, median) * 10) / 10 };
      }),
      smsFailed: count(`SELECT count(*) FROM sms_messages WHERE state = 'failed'`),
      smsUncertain: count(`SELECT count(*) FROM sms_messages WHERE state = 'uncertain'`),
    };
  }));
