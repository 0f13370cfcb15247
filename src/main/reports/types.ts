import type BetterSqlite3 from 'better-sqlite3';
import type { Permission } from '../../shared/permissions.js';

export interface ReportFilters {
  /** UTC ISO bounds: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  centreId?: string;
}

export interface ReportDefinition {
  name: string;
  title: string;
  /** Needed besides report.run. */
  permission: Permission;
  /** Exports holding national ID or phone numbers are recorded in the audit trail. */
  personalData: boolean;
  columns: readonly string[];
  rows(sqlite: BetterSqlite3.Database, filters: ReportFilters): Iterable<Record<string, string | number | null>>;
}
