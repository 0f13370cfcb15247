import type BetterSqlite3 from 'better-sqlite3';
import type { Permission } from '../../shared/permissions.js';

export interface ReportFilters {
  /** UTC ISO bounds: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  centreId?: string;
}

/**
 * How a column's values are typed: `money` values are integer cents, `datetime` values UTC
 * ISO-8601; each writer formats them (KES with two decimals and Nairobi time in CSV and PDF,
 * typed cells in XLSX).
 */
export type ColumnKind = 'text' | 'int' | 'money' | 'datetime';
export interface ReportColumn {
  key: string;
  kind: ColumnKind;
  /** Relative width for XLSX and PDF. */
  width?: number;
}
export type ReportValue = string | number | null;
export type ReportRow = Record<string, ReportValue>;

export interface ReportDefinition {
  name: string;
  title: string;
  /** Needed besides report.run. */
  permission: Permission;
  /** Exports holding national ID or phone numbers are recorded in the audit trail. */
  personalData: boolean;
  columns: readonly ReportColumn[];
  /** Money columns whose sum is printed as a total in the PDF. */
  totals?: readonly string[];
  rows(sqlite: BetterSqlite3.Database, filters: ReportFilters, now: string): Iterable<ReportRow>;
}

/** Shorthand for column lists: `text('name')`, `money('amount')`… */
export const text = (key: string, width = 14): ReportColumn => ({ key, kind: 'text', width });
export const int = (key: string, width = 8): ReportColumn => ({ key, kind: 'int', width });
export const money = (key: string, width = 12): ReportColumn => ({ key, kind: 'money', width });
export const datetime = (key: string, width = 20): ReportColumn => ({ key, kind: 'datetime', width });

/** WHERE clauses for the usual filters on one time column and the centre column. */
export function filterClause(f: ReportFilters, timeColumn: string, centreColumn: string | null): { sql: string; params: Record<string, string> } {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (f.from) { where.push(`${timeColumn} >= @from`); params.from = f.from; }
  if (f.to) { where.push(`${timeColumn} < @to`); params.to = f.to; }
  if (f.centreId && centreColumn) { where.push(`${centreColumn} = @centreId`); params.centreId = f.centreId; }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}
