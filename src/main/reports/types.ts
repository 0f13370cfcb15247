import type BetterSqlite3 from 'better-sqlite3';
import type { Permission } from '../../shared/permissions.js';

export interface ReportFilters {
  /** UTC ISO bounds: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  centreId?: string;
  licenceYear?: number;
  /** The record's state (application, invoice, licence, payment or SMS state). */
  state?: string;
  /** The officer's username (who decided or matched). */
  officer?: string;
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

/** The columns a report filters on; a filter whose column the report lacks does not apply to it. */
export interface FilterColumns {
  time: string;
  centre?: string;
  year?: string;
  state?: string;
  officer?: string;
}

/** WHERE clauses for the filters that apply to the report. */
export function filterClause(f: ReportFilters, columns: FilterColumns): { sql: string; params: Record<string, string | number> } {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  const add = (value: string | number | undefined, column: string | undefined, op: string, name: string) => {
    if (value === undefined || value === '' || !column) return;
    where.push(`${column} ${op} @${name}`);
    params[name] = value;
  };
  add(f.from, columns.time, '>=', 'from');
  add(f.to, columns.time, '<', 'to');
  add(f.centreId, columns.centre, '=', 'centreId');
  add(f.licenceYear, columns.year, '=', 'licenceYear');
  add(f.state, columns.state, '=', 'state');
  add(f.officer, columns.officer, '=', 'officer');
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}
