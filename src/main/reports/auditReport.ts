import type { ReportDefinition } from './types.js';
import { datetime, filterClause, ident, int, SAMPLE, text } from './types.js';

export const auditReport: ReportDefinition = {
  name: 'audit', title: 'Audit trail', permission: 'audit.read', personalData: false,
  columns: [
    int('seq'), datetime('at'), ident('actor', SAMPLE.username, 14), ident('desk', SAMPLE.id, 12), ident('action', 'applications.receive', 22),
    ident('entity', 'application', 12), ident('entity_id', SAMPLE.id, 36), text('summary', 50), ident('hash', SAMPLE.hash, 64),
  ],
  *rows(sqlite, f) {
    const { sql, params } = filterClause(f, { time: 'e.at', officer: 'e.actor_name' });
    yield* sqlite.prepare(`
      SELECT e.seq, e.at, e.actor_name AS actor, e.desk_id AS desk, e.action, e.entity, e.entity_id, e.summary, e.hash
      FROM audit_events e ${sql} ORDER BY e.seq`).iterate(params) as IterableIterator<Record<string, string | number | null>>;
  },
};
