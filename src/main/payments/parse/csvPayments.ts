import { matchHeaders, type ColumnSpec } from '../../../shared/headers.js';
import { eachCsvRow } from '../../applications/import/readCsv.js';
import { isBlankRow, type TableRow } from '../../applications/import/table.js';
import { collect, unreadable, type RowOutcome } from './collect.js';
import { ECITIZEN_COLUMNS, NOT_A_PAYMENTS_FILE, STATEMENT_COLUMNS, type RowValues } from './columns.js';
import { readNotification } from './ecitizen.js';
import { findHeader } from './findHeader.js';
import { readStatementLine } from './statement.js';
import type { ParsedPaymentsFile, ParseProblem } from './types.js';

/** A payments CSV (line ends already `\n`): eCitizen notifications or an M-Pesa statement. */
export function parseCsvPayments(text: string, now: string): ParsedPaymentsFile {
  const found = findHeader(text);
  if (found.header === null) {
    return unreadable(null, found.csvProblems.length > 0 ? found.csvProblems : [{ line: 1, message: NOT_A_PAYMENTS_FILE }]);
  }
  const header = found.header;
  const format = header.kind === 'ecitizen' ? 'ecitizen-csv' : 'mpesa-statement';
  if (header.delimiter === '\t') {
    return unreadable(format, [
      {
        line: header.line,
        message: 'the file is separated by tabs: save it as CSV (comma or semicolon separated) and import it again',
      },
    ]);
  }

  const columns: readonly ColumnSpec[] = header.kind === 'ecitizen' ? ECITIZEN_COLUMNS : STATEMENT_COLUMNS;
  const match = matchHeaders(header.headers, columns);
  // A statement without its A/C No. column still has the reference the payer typed in Details ("Acc. …").
  const referenceFrom = header.kind === 'ecitizen' ? 'client_invoice_ref' : 'A/C No.' in match.index ? 'A/C No.' : 'Details';
  const noReference = referenceFrom === 'Details' && !('Details' in match.index);
  const headerProblems: ParseProblem[] = [
    ...match.missing.map((name) => ({ line: header.line, field: name, message: `the column ${name} is missing` })),
    ...(noReference
      ? [{ line: header.line, field: 'A/C No.', message: 'the column A/C No. is missing (and there is no Details column to read "Acc. ..." from)' }]
      : []),
    ...match.duplicates.map((d) => ({ line: header.line, field: d.name, message: `the column ${d.name} appears ${d.positions.length} times` })),
  ];

  const positions = Object.entries(match.index) as [string, number][];
  const read = header.kind === 'ecitizen' ? readNotification : readStatementLine;
  const readRow = (row: TableRow): RowOutcome => {
    const values: RowValues<string> = {};
    for (const [name, at] of positions) values[name] = row.cells[at] ?? '';
    const outcome = read(row.line, values, now);
    const extra = extraValues(row, header.headers.length);
    if (extra === null) return outcome;
    return { kind: 'problems', problems: [extra, ...(outcome.kind === 'problems' ? outcome.problems : [])] };
  };
  // Each row is read as the CSV reader reaches it (a statement may have a hundred thousand).
  const outcomes: RowOutcome[] = [];
  let rowsRead = 0;
  const parsed = eachCsvRow(text, header.delimiter, (row) => {
    if (row.line <= header.line || isBlankRow(row.cells)) return;
    rowsRead++;
    if (headerProblems.length === 0) outcomes.push(readRow(row));
  });
  if (!parsed.ok) return unreadable(format, parsed.problems);
  if (headerProblems.length > 0) return unreadable(format, headerProblems, rowsRead);
  if (rowsRead === 0) return unreadable(format, [{ line: header.line, message: 'the file has no rows below the header' }]);
  return collect(format, rowsRead, outcomes, referenceFrom);
}

/** A row longer than the header: usually an amount like 1,500.00 written without quotes. */
function extraValues(row: TableRow, headerCount: number): ParseProblem | null {
  let extra = 0;
  for (let i = headerCount; i < row.cells.length; i++) if (row.cells[i]!.trim() !== '') extra++;
  if (extra === 0) return null;
  return {
    line: row.line,
    message:
      `this row has ${headerCount + extra} values but the header has ${headerCount} columns ` +
      '(a separator inside a value that is not quoted, such as 1,500.00?)',
  };
}
