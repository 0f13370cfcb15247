import type { ReportDefinition } from './types.js';
import { datetime, filtered, ident, int, SAMPLE, text } from './types.js';

export const auditReport: ReportDefinition = {
  name: 'audit',
  title: 'Audit trail',
  permission: 'audit.read',
  personalData: false,
  columns: [
    int('seq'),
    datetime('at'),
    ident('actor', SAMPLE.username, 14),
    ident('desk', SAMPLE.id, 12),
    ident('action', 'applications.receive', 22),
    ident('entity', 'application', 12),
    ident('entity_id', SAMPLE.id, 36),
    text('summary', 50),
    ident('hash', SAMPLE.hash, 64),
  ],
  *rows(db, f) {
    yield* db.iterate(
      filtered(
        db
          .selectFrom('audit_events as e')
          .select(['e.seq', 'e.at', 'e.actor_name as actor', 'e.desk_id as desk', 'e.action', 'e.entity', 'e.entity_id', 'e.summary', 'e.hash'])
          .orderBy('e.seq'),
        f,
        { time: 'e.at', officer: 'e.actor_name' },
      ),
    );
  },
};
