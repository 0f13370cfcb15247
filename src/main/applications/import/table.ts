/* A file read into text cells (CSV or XLSX): what readCsv and readXlsx give and readTable hands on. */
import type { ImportProblem } from './columns.js';

/** A row of text cells and the line (or sheet row) where it starts, as a person counts. */
export interface TableRow {
  line: number;
  cells: string[];
}
export interface Table {
  headerLine: number;
  headers: string[];
  /** Data rows, blank rows left out. */
  rows: TableRow[];
}
export type TableResult = { ok: true; table: Table } | { ok: false; problems: ImportProblem[] };

/** True when every cell is empty or spaces. */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}
