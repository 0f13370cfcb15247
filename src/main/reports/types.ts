import { sql, type SelectQueryBuilder } from 'kysely';
import type { ReadableDB } from '../db/handles.js';
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
  /**
   * An identifier an auditor traces (a reference, an ID or registration number, a phone, a
   * username, a state): a sample as long as the longest one expected. The PDF keeps room for the
   * sample on one line and never wraps or cuts such a value.
   */
  whole?: string;
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
  /** Streams the rows (`db.iterate`): an export never holds every row in memory. */
  rows(db: ReadableDB, filters: ReportFilters, now: string): Iterable<ReportRow>;
}

/** Shorthand for column lists: `text('name')` (free text), `ident('bill_ref', sample)`, `money('amount')`… */
export const text = (key: string, width = 14): ReportColumn => ({ key, kind: 'text', width });
/**
 * The widest value expected of each kind of identifier, for `ident` columns: the PDF keeps room
 * for it on one line. A longer value is still printed whole, only smaller.
 */
export const SAMPLE = {
  /** Ten characters (src/shared/billRef.ts); W is the widest letter. */
  billRef: 'LBWWWWWWWW',
  /** As a payer types a bill reference, spaces and all. */
  referenceTyped: 'LBWW WWWW WW',
  applicationRef: 'KMLTTB-APP-000000',
  nationalId: 'AB12345678',
  registrationNo: 'MLT/2010/01234',
  /** Normalised phones are 12 digits; one never normalised is shown as it was given. */
  phone: '+254 712 345 678',
  licenceNo: 'KMLTTB/2026/000000',
  /** An M-Pesa receipt or an eCitizen invoice number. */
  transactionId: 'TEU4K2Q8ZAMW',
  username: 'finance.officer',
  /** A record or desk id (UUID): digits are as wide as any hex letter. */
  id: '00000000-0000-0000-0000-000000000000',
  hash: '0'.repeat(64),
} as const;

/** An identifier, kept whole in print: `ident('bill_ref', 'LB2237PN9YWM')`. */
export const ident = (key: string, sample: string, width = sample.length + 2): ReportColumn => ({ key, kind: 'text', width, whole: sample });
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

/** The report's query, narrowed by the filters that apply to it. */
export function filtered<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  f: ReportFilters,
  columns: FilterColumns,
): SelectQueryBuilder<DB, TB, O> {
  let q = query;
  const add = (value: string | number | undefined, column: string | undefined, op: '>=' | '<' | '=') => {
    if (value !== undefined && value !== '' && column) q = q.where(sql.ref(column), op, value);
  };
  add(f.from, columns.time, '>=');
  add(f.to, columns.time, '<');
  add(f.centreId, columns.centre, '=');
  add(f.licenceYear, columns.year, '=');
  add(f.state, columns.state, '=');
  add(f.officer, columns.officer, '=');
  return q;
}

/** A practitioner's name in full, the middle name only when there is one. */
export const fullName = sql<string>`trim(p.first_name || ' ' || CASE WHEN p.middle_name <> '' THEN p.middle_name || ' ' ELSE '' END || p.last_name)`;
