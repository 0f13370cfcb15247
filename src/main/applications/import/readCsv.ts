import { parse, type CsvError } from 'csv-parse/sync';
import { isBlankRow, type TableResult, type TableRow } from './readTable.js';

/**
 * CSV in UTF-8 (with or without BOM), comma or semicolon separated (whichever the header line
 * uses), quoted fields holding commas and newlines. Line numbers are where each row starts.
 */
export function readCsv(bytes: Uint8Array): TableResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, problems: [{ line: 1, message: 'the file is UTF-16 text: save it as "CSV UTF-8" and import it again' }] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops a BOM
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const line = lineOf(loose, loose.indexOf('\uFFFD'));
    return { ok: false, problems: [{ line, message: 'the file is not UTF-8 text: save it as "CSV UTF-8" and import it again' }] };
  }
  text = text.replace(/\r\n?/g, '\n');

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as CsvError & { lines?: number };
    return { ok: false, problems: [{ line: e.lines ?? 1, message: csvMessage(e) }] };
  }

  const rows: TableRow[] = records.map(({ record, info }) => ({
    // info.lines is where the record ends; quoted newlines inside it moved it down.
    line: info.lines - record.reduce((n, cell) => n + countNewlines(cell), 0),
    cells: record,
  }));
  const header = rows.shift();
  if (!header) return { ok: false, problems: [{ line: 1, message: 'the file is empty' }] };
  return { ok: true, table: { headerLine: header.line, headers: header.cells, rows: rows.filter((r) => !isBlankRow(r.cells)) } };
}

/** `;` when the first line has more semicolons than commas outside quotes, else `,`. */
export function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') {
      if (commas + semicolons > 0) break;
    } else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function lineOf(text: string, index: number): number {
  return index < 0 ? 1 : countNewlines(text.slice(0, index).replace(/\r\n?/g, '\n')) + 1;
}

function csvMessage(e: CsvError): string {
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed (a " is missing)';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted field has text after its closing quote';
    default:
      return `the file is not valid CSV: ${e.message}`;
  }
}
