import { z } from 'zod';
import type { Page } from './common.js';
import { id, page } from './common.js';
import { REPORT_FORMATS, REPORT_NAMES } from './reports.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-28');

export const auditListInput = page.extend({
  actor: z.string().trim().max(40).optional(),
  action: z.string().trim().max(60).optional(),
  entity: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(64).optional(),
  from: day.optional(),
  to: day.optional(),
});
export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  desk: string;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
  hash: string;
}
export type AuditListResult = Page<AuditRow>;

export const reportFiltersInput = z.object({
  report: z.enum(REPORT_NAMES),
  from: day.optional(),
  to: day.optional(),
  /** A centre's code or name. */
  centre: z.string().trim().max(60).optional(),
  licenceYear: z.number().int().min(2000).max(2100).optional(),
  /** The record's state, for the reports that have one (e.g. approved, paid, collected, failed). */
  state: z.string().trim().max(30).optional(),
  /** An officer's username: who decided or matched. */
  officer: z.string().trim().toLowerCase().max(40).optional(),
});
export const reportPreviewInput = reportFiltersInput.extend({ limit: z.number().int().min(1).max(500).default(200) });
/** A report value as stored: money in integer cents, times UTC ISO-8601. */
export type PreviewValue = string | number | null;
export interface ReportPreview {
  title: string;
  columns: { key: string; kind: string }[];
  /** The values as stored, one array per row in column order: the screen formats them as it shows such values elsewhere. */
  rows: PreviewValue[][];
  /** True when the report has more rows than the preview shows. */
  more: boolean;
}
export const exportStartInput = reportFiltersInput.extend({ format: z.enum(REPORT_FORMATS) });
export interface ExportJob {
  id: string;
  report: string;
  format: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  rows: number;
  fileName: string;
  error: string | null;
}
export const exportJobInput = z.object({ jobId: id });

export interface DashboardSummary {
  role: string;
  /** Officers: the queue by age, and work waiting. */
  queueByAge?: { label: string; count: number; from: number; to: number | null }[];
  approvedUnpaid?: number;
  paymentsUnmatched?: number;
  licencesToDispatch?: number;
  /** Clerks: their centre. */
  batchesOnTheWay?: number;
  waitingByAge?: { label: string; count: number }[];
  /** Auditors and admins: the year's funnel. */
  licenceYear?: number;
  funnel?: { stage: string; count: number }[];
  turnaround?: { officer: string; decided: number; medianHours: number }[];
  smsFailed?: number;
  smsUncertain?: number;
}
export const dashboardInput = z.object({ licenceYear: z.number().int().min(2000).max(2100).optional() });

/** One Nairobi week (Monday to Sunday) of the dashboard's trends. */
export interface TrendWeek {
  /** The week's Monday, `YYYY-MM-DD` (Nairobi). */
  weekOf: string;
  decisions: number;
  paymentsMatched: number;
  licencesCollected: number;
}

/** The last weeks of work, the current one last, and each officer's median time to decision over them. */
export interface DashboardTrends {
  weeks: TrendWeek[];
  officers: { officer: string; decided: number; medianHours: number }[];
}
