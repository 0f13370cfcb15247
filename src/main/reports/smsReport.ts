import type BetterSqlite3 from 'better-sqlite3';
import { isoNairobi } from '../../shared/time.js';
import type { ReportDefinition, ReportFilters } from './types.js';

const COLUMNS = ['created_at', 'phone', 'event', 'language', 'parts', 'status', 'sent_at', 'delivered_at', 'failure_reason'] as const;

interface Row {
  created_at: string; phone: string; event: string; language: string; parts: number; state: string;
  sent_at: string | null; delivered_at: string | null; failure_reason: string | null;
}

function* rows(sqlite: BetterSqlite3.Database, f: ReportFilters) {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (f.from) { where.push('m.created_at >= @from'); params.from = f.from; }
  if (f.to) { where.push('m.created_at < @to'); params.to = f.to; }
  if (f.centreId) { where.push('a.centre_id = @centreId'); params.centreId = f.centreId; }
  const stmt = sqlite.prepare(`
    SELECT m.created_at, m.phone, m.event, m.language, m.parts, m.state, m.sent_at, m.delivered_at, m.failure_reason
    FROM sms_messages m LEFT JOIN applications a ON a.id = m.application_id
    ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
    ORDER BY m.created_at, m.id`);
  for (const r of stmt.iterate(params) as IterableIterator<Row>) {
    yield {
      created_at: isoNairobi(r.created_at), phone: r.phone, event: r.event, language: r.language, parts: r.parts,
      status: r.state, sent_at: isoNairobi(r.sent_at), delivered_at: isoNairobi(r.delivered_at), failure_reason: r.failure_reason,
    };
  }
}

export const smsReport: ReportDefinition = {
  name: 'sms', title: 'SMS messages', permission: 'sms.read', personalData: true, columns: COLUMNS, rows,
};
