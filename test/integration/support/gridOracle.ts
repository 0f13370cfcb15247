import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { ftsQuery } from '../../../src/main/applications/queries.js';
import { APPLICATION_SORT_FIELDS, type ApplicationsListInput } from '../../../src/shared/contract/applications.js';

export type GridInput = ApplicationsListInput & { sort: (typeof APPLICATION_SORT_FIELDS)[number]; dir: 'asc' | 'desc' };

const SORT_COLUMNS: Record<GridInput['sort'], string> = {
  submittedAt: 'a.submitted_at',
  name: 'a.sort_name',
  applicationRef: 'a.application_ref',
  state: 'a.state',
  cpdPoints: 'a.cpd_points',
  centre: 'c.name',
  licenceYear: 'a.licence_year',
};

const EQUAL_FILTERS = [
  ['state', 'a.state'],
  ['licenceYear', 'a.licence_year'],
  ['cadre', 'a.cadre'],
  ['centreId', 'a.centre_id'],
  ['county', 'a.county'],
] as const;

/**
 * The applications grid as plain SQL, with no index and no plan: the id of every row it should
 * list, in order. Tests compare the grid planner's pages with it.
 */
export function gridOracle(sqlite: BetterSqlite3.Database, input: GridInput): string[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.search) {
    where.push('a.rowid IN (SELECT rowid FROM applications_search WHERE applications_search MATCH ?)');
    params.push(ftsQuery(input.search));
  }
  for (const [field, column] of EQUAL_FILTERS) {
    if (input[field] === undefined) continue;
    where.push(`${column} = ?`);
    params.push(input[field]);
  }
  if (input.flagged !== undefined) where.push(input.flagged ? 'a.flag_count > 0' : 'a.flag_count = 0');
  return sqlite
    .prepare(
      `SELECT a.id FROM applications a NOT INDEXED JOIN practitioners p ON p.id = a.practitioner_id LEFT JOIN centres c ON c.id = a.centre_id
       WHERE ${where.length ? where.join(' AND ') : '1'} ORDER BY ${SORT_COLUMNS[input.sort]} ${input.dir}, a.id ${input.dir}`,
    )
    .pluck()
    .all(...params) as string[];
}
