import type { ReportDefinition } from './types.js';
import { datetime, filterClause, ident, int, SAMPLE, text } from './types.js';

export const smsReport: ReportDefinition = {
  name: 'sms', title: 'SMS messages', permission: 'sms.read', personalData: true,
  columns: [
    datetime('created_at'), ident('phone', SAMPLE.phone, 13), ident('event', 'at_centre', 10), ident('language', 'sw', 6), int('parts'),
    ident('status', 'cancelled', 10), datetime('sent_at'), datetime('delivered_at'), text('failure_reason', 30),
  ],
  *rows(sqlite, f) {
    const { sql, params } = filterClause(f, { time: 'm.created_at', centre: 'a.centre_id', year: 'a.licence_year', state: 'm.state' });
    yield* sqlite.prepare(`
      SELECT m.created_at, m.phone, m.event, m.language, m.parts, m.state AS status, m.sent_at, m.delivered_at, m.failure_reason
      FROM sms_messages m LEFT JOIN applications a ON a.id = m.application_id
      ${sql} ORDER BY m.created_at, m.id`).iterate(params) as IterableIterator<Record<string, string | number | null>>;
  },
};
