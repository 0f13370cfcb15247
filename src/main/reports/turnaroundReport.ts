import { sql } from 'kysely';
import type { ReportDefinition, ReportRow } from './types.js';
import { filtered, ident, int, SAMPLE } from './types.js';

/** One row per officer and month (Nairobi): decisions, and the median hours from submission to decision. */
export const turnaroundReport: ReportDefinition = {
  name: 'turnaround',
  title: 'Turnaround by officer',
  permission: 'application.read',
  personalData: false,
  columns: [
    ident('officer', SAMPLE.username, 16),
    ident('month', '2026-11', 8),
    int('decided'),
    int('approved'),
    int('rejected'),
    int('returned'),
    ident('median_hours_to_decision', '99999.9', 14),
  ],
  *rows(db, f) {
    const decisions = db.iterate(
      filtered(
        db
          .selectFrom('application_history as h')
          .innerJoin('applications as a', 'a.id', 'h.application_id')
          .select([
            'h.actor_name as officer',
            sql<string>`strftime('%Y-%m', h.at, '+3 hours')`.as('month'),
            'h.action',
            sql<number>`(julianday(h.at) - julianday(a.submitted_at)) * 24`.as('hours'),
          ])
          .where('h.action', 'in', ['approve', 'reject', 'return'])
          .orderBy('officer')
          .orderBy('month'),
        f,
        { time: 'h.at', centre: 'a.centre_id', year: 'a.licence_year', officer: 'h.actor_name' },
      ),
    );
    let group: { officer: string; month: string; counts: Record<string, number>; hours: number[] } | null = null;
    const finish = (g: NonNullable<typeof group>): ReportRow => {
      const sorted = g.hours.sort((x, y) => x - y);
      const mid = Math.floor(sorted.length / 2);
      const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
      return {
        officer: g.officer,
        month: g.month,
        decided: sorted.length,
        approved: g.counts.approve ?? 0,
        rejected: g.counts.reject ?? 0,
        returned: g.counts.return ?? 0,
        median_hours_to_decision: median.toFixed(1),
      };
    };
    for (const d of decisions) {
      if (!group || group.officer !== d.officer || group.month !== d.month) {
        if (group) yield finish(group);
        group = { officer: d.officer, month: d.month, counts: {}, hours: [] };
      }
      group.counts[d.action] = (group.counts[d.action] ?? 0) + 1;
      group.hours.push(Math.max(0, d.hours));
    }
    if (group) yield finish(group);
  },
};
