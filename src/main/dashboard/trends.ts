import { sql } from 'kysely';
import type { DashboardTrends, TrendWeek } from '../../shared/contract/insight.js';
import { defineQuery } from '../core/registry.js';

/** How many weeks the trends show, the current one included. */
export const TREND_WEEKS = 12;

/** The Monday (Nairobi, UTC+3 all year) of the week holding an instant, as `YYYY-MM-DD`. */
const weekOf = (at: string) => sql.raw(`date(${at}, '+3 hours', '-6 days', 'weekday 1')`);
const DECISIONS = sql.raw(`('approve', 'reject', 'return')`);

/**
 * The dashboard's trends: decisions, payments matched and licences collected in each of the last
 * weeks (Nairobi weeks, Monday to Sunday, on the desk's clock), and each officer's median time
 * from submission to decision over those weeks. The weeks are made in SQL so that a week
 * without any work still shows, as a zero.
 */
export const dashboardTrends = defineQuery('dashboard.trends', async ({ db, desk }): Promise<DashboardTrends> => {
  const now = desk.clock().toISOString();
  const window = sql`
    weeks(week_of, n) AS (
      SELECT date(${now}, '+3 hours', '-6 days', 'weekday 1'), 1
      UNION ALL SELECT date(week_of, '-7 days'), n + 1 FROM weeks WHERE n < ${TREND_WEEKS}
    ),
    span AS (SELECT min(week_of) AS first_day, date(${now}, '+3 hours') AS last_day FROM weeks)`;
  const inWindow = (at: string) => sql.raw(`date(${at}, '+3 hours') BETWEEN (SELECT first_day FROM span) AND (SELECT last_day FROM span)`);
  const weeks = db.all(sql<TrendWeek>`
    WITH RECURSIVE ${window},
    decided AS (
      SELECT ${weekOf('h.at')} AS week_of, count(*) AS n FROM application_history h
      WHERE h.action IN ${DECISIONS} AND ${inWindow('h.at')} GROUP BY 1
    ),
    matched AS (
      SELECT ${weekOf('p.matched_at')} AS week_of, count(*) AS n FROM payments p
      WHERE p.state = 'matched' AND ${inWindow('p.matched_at')} GROUP BY 1
    ),
    collected AS (
      SELECT ${weekOf('l.collected_at')} AS week_of, count(*) AS n FROM licences l
      WHERE l.collected_at IS NOT NULL AND ${inWindow('l.collected_at')} GROUP BY 1
    )
    SELECT w.week_of AS weekOf, coalesce(d.n, 0) AS decisions, coalesce(m.n, 0) AS paymentsMatched, coalesce(c.n, 0) AS licencesCollected
    FROM weeks w
    LEFT JOIN decided d ON d.week_of = w.week_of
    LEFT JOIN matched m ON m.week_of = w.week_of
    LEFT JOIN collected c ON c.week_of = w.week_of
    ORDER BY w.week_of`);
  // The median is the middle row of each officer's decisions by time taken, or the mean of the middle two.
  const officers = db.all(sql<DashboardTrends['officers'][number]>`
    WITH RECURSIVE ${window},
    taken AS (
      SELECT h.actor_name AS officer, max(0, (julianday(h.at) - julianday(a.submitted_at)) * 24) AS hours
      FROM application_history h JOIN applications a ON a.id = h.application_id
      WHERE h.action IN ${DECISIONS} AND ${inWindow('h.at')}
    ),
    ranked AS (
      SELECT officer, hours, row_number() OVER (PARTITION BY officer ORDER BY hours) AS i, count(*) OVER (PARTITION BY officer) AS n FROM taken
    )
    SELECT officer, max(n) AS decided, round(avg(hours), 1) AS medianHours
    FROM ranked WHERE i IN ((n + 1) / 2, (n + 2) / 2)
    GROUP BY officer ORDER BY decided DESC, officer`);
  return { weeks, officers };
});
