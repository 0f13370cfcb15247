import { matchHeaders, type ColumnSpec } from '../../../shared/headers.js';
import { detectDelimiter, readCsvRows, type CsvDelimiter } from '../../applications/import/readCsv.js';
import { ECITIZEN_COLUMNS, STATEMENT_COLUMNS } from './columns.js';
import type { ParseProblem } from './types.js';

/** Statement exports start with a few lines about the organisation and period: the header is further down. */
export const HEADER_SEARCH_LINES = 20;
const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

export type CsvKind = 'ecitizen' | 'statement';
export interface HeaderRow {
  kind: CsvKind;
  line: number;
  delimiter: CsvDelimiter;
  headers: string[];
}

/**
 * The header row of a payments CSV: the first row among the first lines, with any of the
 * separators, that holds at least two required columns of either format. When there is none,
 * the CSV error that kept the file from being read, if any, says more than "not a payments file".
 */
export function findHeader(text: string): { header: HeaderRow } | { header: null; csvProblems: ParseProblem[] } {
  let best: HeaderRow | null = null;
  let csvProblems: ParseProblem[] = [];
  const usual = detectDelimiter(text);
  for (const delimiter of DELIMITERS) {
    const parsed = readCsvRows(text, delimiter, { toLine: HEADER_SEARCH_LINES });
    if (!parsed.ok) {
      if (delimiter === usual) csvProblems = parsed.problems;
      continue;
    }
    for (const row of parsed.rows) {
      if (best !== null && row.line >= best.line) break;
      const kind = kindOf(row.cells);
      if (kind === null) continue;
      best = { kind, line: row.line, delimiter, headers: row.cells };
      break;
    }
  }
  return best === null ? { header: null, csvProblems } : { header: best };
}

function kindOf(cells: readonly string[]): CsvKind | null {
  const ecitizen = requiredFound(cells, ECITIZEN_COLUMNS);
  const statement = requiredFound(cells, STATEMENT_COLUMNS);
  if (Math.max(ecitizen, statement) < 2) return null;
  return ecitizen >= statement ? 'ecitizen' : 'statement';
}

function requiredFound(cells: readonly string[], columns: readonly ColumnSpec[]): number {
  const required = columns.filter((c) => c.required).length;
  return required - matchHeaders(cells, columns).missing.length;
}
