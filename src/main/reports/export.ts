import type { REPORT_FORMATS, REPORT_NAMES } from '../../shared/contract/index.js';
import { UserError } from '../../shared/errors.js';
import { can } from '../../shared/permissions.js';
import { parseNairobiDateTime } from '../../shared/time.js';
import { findCentre } from '../admin/centresList.js';
import type { Actor } from '../core/actor.js';
import type { Desk } from '../desk.js';
import { applicationsReport } from './applicationsReport.js';
import { writeCsv } from './csv.js';
import { collectionReport } from './collectionReport.js';
import { invoicesReport } from './invoicesReport.js';
import { licencesReport } from './licencesReport.js';
import { reconciliationReport } from './reconciliationReport.js';
import { smsReport } from './smsReport.js';
import type { ReportDefinition, ReportFilters } from './types.js';

export const REPORTS: Partial<Record<(typeof REPORT_NAMES)[number], ReportDefinition>> = {
  applications: applicationsReport,
  reconciliation: reconciliationReport,
  invoices: invoicesReport,
  licences: licencesReport,
  collection: collectionReport,
  sms: smsReport,
};

export interface ExportRequest {
  report: string;
  format: (typeof REPORT_FORMATS)[number];
  out: string;
  /** `YYYY-MM-DD` (Nairobi days, both inclusive) or ISO-8601. */
  from?: string;
  to?: string;
  centre?: string;
}

function dayBound(raw: string, field: string, endOfDay: boolean): string {
  const iso = parseNairobiDateTime(raw);
  if (!iso) throw new UserError('invalid_input', `--${field} '${raw}' is not a date (use YYYY-MM-DD).`, { field });
  return /^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) && endOfDay ? new Date(Date.parse(iso) + 86_400_000).toISOString() : iso;
}

/** Writes a report file and records the export in the audit trail. */
export async function exportReport(desk: Desk, actor: Actor, req: ExportRequest, onProgress?: (rows: number) => void): Promise<number> {
  const def = REPORTS[req.report as keyof typeof REPORTS];
  if (!def) {
    throw new UserError('invalid_input', `There is no report '${req.report}' yet. Available: ${Object.keys(REPORTS).join(', ')}.`, { field: 'report' });
  }
  if (req.format !== 'csv') throw new UserError('invalid_input', `The ${req.format.toUpperCase()} format is not available yet: use csv.`, { field: 'format' });
  if (!can(actor.role, 'report.run') || !can(actor.role, def.permission)) {
    throw new UserError('forbidden', `Your role (${actor.role}) may not export the ${def.name} report.`);
  }
  const filters: ReportFilters = {};
  if (req.from) filters.from = dayBound(req.from, 'from', false);
  if (req.to) filters.to = dayBound(req.to, 'to', true);
  if (req.centre) {
    const centre = findCentre(desk.sqlite, req.centre);
    if (!centre) throw new UserError('invalid_input', `There is no centre '${req.centre}'.`, { field: 'centre' });
    filters.centreId = centre.id;
  }
  if (actor.role === 'clerk') filters.centreId = actor.centreId ?? 'none';
  const rows = await writeCsv(req.out, def.columns, def.rows(desk.sqlite, filters), onProgress);
  const recorded = await desk.dispatch('report.exported', {
    report: def.name, format: req.format, rows, file: req.out,
    filters: Object.fromEntries(Object.entries({ from: req.from, to: req.to, centre: req.centre }).filter(([, v]) => v)) as Record<string, string>,
  }, actor);
  if (!recorded.ok) throw new UserError(recorded.error.code, recorded.error.message);
  return rows;
}
