import fs from 'node:fs';
import path from 'node:path';
import type { REPORT_FORMATS, REPORT_NAMES } from '../../shared/contract/index.js';
import { UserError } from '../../shared/errors.js';
import { can } from '../../shared/permissions.js';
import { formatNairobi, parseNairobiDateTime } from '../../shared/time.js';
import { findCentre } from '../admin/centresList.js';
import { whyNotWritable } from '../backup/wholeFile.js';
import type { Actor } from '../core/actor.js';
import type { DeskServices } from '../core/deskServices.js';
import type { Desk } from '../core/deskApi.js';
import { readableDb } from '../db/handles.js';
import { applicationsReport } from './applicationsReport.js';
import { auditReport } from './auditReport.js';
import { collectionReport } from './collectionReport.js';
import { writeCsv } from './csv.js';
import { invoicesReport } from './invoicesReport.js';
import { licencesReport } from './licencesReport.js';
import { writePdf } from './pdf.js';
import { reconciliationReport } from './reconciliationReport.js';
import { smsReport } from './smsReport.js';
import { turnaroundReport } from './turnaroundReport.js';
import type { ReportDefinition, ReportFilters, ReportRow } from './types.js';
import { writeXlsx } from './xlsx.js';

export const REPORTS: Record<(typeof REPORT_NAMES)[number], ReportDefinition> = {
  applications: applicationsReport,
  reconciliation: reconciliationReport,
  invoices: invoicesReport,
  licences: licencesReport,
  collection: collectionReport,
  sms: smsReport,
  turnaround: turnaroundReport,
  audit: auditReport,
};

export interface ExportRequest {
  report: string;
  format: (typeof REPORT_FORMATS)[number];
  out: string;
  /** `YYYY-MM-DD` (Nairobi days, both inclusive) or ISO-8601. */
  from?: string;
  to?: string;
  /** A centre's code or name. */
  centre?: string;
  licenceYear?: number;
  state?: string;
  officer?: string;
}

export interface ExportOptions {
  onProgress?: (rows: number) => void;
  /** Cancels the export: the partial file is removed. */
  signal?: AbortSignal;
}

function bound(raw: string, field: 'from' | 'to'): string {
  const iso = parseNairobiDateTime(raw);
  if (!iso) throw new UserError('invalid_input', `--${field} '${raw}' is not a date (use YYYY-MM-DD).`, { field });
  // A bare day as `to` includes that whole day.
  return field === 'to' && /^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) ? new Date(Date.parse(iso) + 86_400_000).toISOString() : iso;
}

/** The partial file, made before a writer opens it, so that a missing or read-only folder is named as such. */
function startPartialFile(tmp: string, target: string): void {
  try {
    fs.writeFileSync(tmp, '');
  } catch (err) {
    throw new UserError('invalid_input', `Cannot write ${target}: ${whyNotWritable(err)}.`, { field: 'out' });
  }
}

export function reportDefinition(name: string): ReportDefinition {
  const def = REPORTS[name as keyof typeof REPORTS];
  if (!def) throw new UserError('invalid_input', `There is no report '${name}'. Reports: ${Object.keys(REPORTS).join(', ')}.`, { field: 'report' });
  return def;
}

/** Checks the actor may run the report, and turns the request's filters into the report's. Clerks get their own centre. */
export function resolveFilters(
  desk: Pick<DeskServices, 'read'>,
  actor: Actor,
  def: ReportDefinition,
  req: Omit<ExportRequest, 'out' | 'format' | 'report'>,
): ReportFilters {
  if (!can(actor.role, 'report.run') || !can(actor.role, def.permission)) {
    throw new UserError('forbidden', `Your role (${actor.role}) may not run the ${def.name} report.`);
  }
  const filters: ReportFilters = {};
  if (req.from) filters.from = bound(req.from, 'from');
  if (req.to) filters.to = bound(req.to, 'to');
  if (req.licenceYear) filters.licenceYear = req.licenceYear;
  if (req.state) filters.state = req.state;
  if (req.officer) filters.officer = req.officer;
  if (filters.from && filters.to && filters.from >= filters.to)
    throw new UserError('invalid_input', 'The start date is after the end date.', { field: 'from' });
  if (req.centre) {
    const centre = findCentre(desk.read, req.centre);
    if (!centre) throw new UserError('invalid_input', `There is no centre '${req.centre}'.`, { field: 'centre' });
    filters.centreId = centre.id;
  }
  if (actor.role === 'clerk') {
    if (filters.centreId && filters.centreId !== actor.centreId) throw new UserError('forbidden', 'You can report only on your own centre.');
    filters.centreId = actor.centreId ?? 'none';
  }
  return filters;
}

/**
 * Writes a report file. It streams: memory stays flat however many rows. The rows are read through
 * a read-only connection of the export's own, with a small page cache (the desk's connection keeps
 * up to 256 MB of pages: a whole report read there would keep them resident), closed however
 * the export ends. The file is written beside the target under a temporary name and renamed when
 * complete, so a failed or cancelled export leaves nothing behind. The export is recorded in the
 * audit trail (who, which report, which filters, how many rows).
 */
export async function exportReport(desk: Desk, actor: Actor, req: ExportRequest, options: ExportOptions = {}): Promise<number> {
  const def = reportDefinition(req.report);
  const filters = resolveFilters(desk, actor, def, req);
  const now = desk.clock().toISOString();
  let count = 0;
  function* counted(rows: Iterable<ReportRow>) {
    for (const row of rows) {
      count++;
      if (count % 2000 === 0) options.onProgress?.(count);
      yield row;
    }
  }
  const used = Object.entries({ from: req.from, to: req.to, centre: req.centre, 'licence year': req.licenceYear, state: req.state, officer: req.officer })
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => [k, String(v)] as const);
  const filterText = used.map(([k, v]) => `${k} ${v}`).join(', ');
  const target = path.resolve(req.out);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  const reader = desk.openReader();
  const rows = counted(def.rows(readableDb(reader), filters, now));
  try {
    startPartialFile(tmp, target);
    if (req.format === 'csv') await writeCsv(tmp, def.columns, rows, options.signal);
    else if (req.format === 'xlsx') await writeXlsx(tmp, def.title, def.columns, rows, options.signal);
    else
      await writePdf(
        tmp,
        { title: def.title, filters: filterText, generatedBy: `${actor.fullName} (${actor.username})`, generatedAt: formatNairobi(now), totals: def.totals },
        def.columns,
        rows,
        options.signal,
      );
    options.signal?.throwIfAborted();
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    if (options.signal?.aborted) throw new UserError('conflict', 'The export was cancelled: no file was written.');
    throw err;
  } finally {
    rows.return(undefined); // ends the statement if a writer stopped part way
    reader.close();
  }
  options.onProgress?.(count);
  const recorded = await desk.dispatch(
    'report.exported',
    {
      report: def.name,
      format: req.format,
      rows: count,
      file: target,
      filters: Object.fromEntries(used),
    },
    actor,
  );
  if (!recorded.ok) throw new UserError(recorded.error.code, recorded.error.message);
  return count;
}
