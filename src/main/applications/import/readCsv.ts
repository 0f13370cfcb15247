import type { ImportProblem } from './columns.js';
import { isBlankRow, type TableResult, type TableRow } from './table.js';

export type CsvDelimiter = ',' | ';' | '\t';
export type DecodeResult = { ok: true; text: string } | { ok: false; problems: ImportProblem[] };
export type CsvRowsResult = { ok: true; rows: TableRow[] } | { ok: false; problems: ImportProblem[] };

/**
 * CSV in UTF-8 (with or without BOM), comma or semicolon separated (whichever the header line
 * uses), quoted fields holding commas and newlines. Line numbers are where each row starts.
 */
export function readCsv(bytes: Uint8Array): TableResult {
  const decoded = decodeUtf8Text(bytes);
  if (!decoded.ok) return decoded;
  const parsed = readCsvRows(decoded.text, detectDelimiter(decoded.text));
  if (!parsed.ok) return parsed;
  const rows = parsed.rows;
  const header = rows.shift();
  if (!header) return { ok: false, problems: [{ line: 1, message: 'the file is empty' }] };
  return { ok: true, table: { headerLine: header.line, headers: header.cells, rows: rows.filter((r) => !isBlankRow(r.cells)) } };
}

/**
 * The text of a file that must be UTF-8 (a BOM is dropped), with line ends made `\n`. UTF-16 and
 * other encodings are refused with advice, naming the first line that is not UTF-8.
 */
export function decodeUtf8Text(bytes: Uint8Array): DecodeResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, problems: [{ line: 1, message: 'the file is UTF-16 text: save it as "CSV UTF-8" and import it again' }] };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops a BOM
    return { ok: true, text: text.replace(/\r\n?/g, '\n') };
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const line = lineOf(loose, loose.indexOf('\uFFFD'));
    return { ok: false, problems: [{ line, message: 'the file is not UTF-8 text: save it as "CSV UTF-8" and import it again' }] };
  }
}

/**
 * Every record of CSV text (line ends already `\n`) with the line where it starts, as a person
 * counts. Empty lines are left out; rows of only separators are kept. `toLine` stops after the
 * records that start by that line.
 *
 * Quoting as csv-parse reads it with `relax_quotes`: a field that starts with `"` runs to the
 * matching `"` (`""` is a quote) and may hold separators and line breaks; a quote anywhere else,
 * or a quoted part followed by more text, is kept as written. Hand-written because it is five
 * to ten times faster than csv-parse, and a payments statement may have a hundred thousand lines.
 */
export function readCsvRows(text: string, delimiter: CsvDelimiter, options: { toLine?: number } = {}): CsvRowsResult {
  const rows: TableRow[] = [];
  const read = eachCsvRow(text, delimiter, (row) => rows.push(row), options);
  return read.ok ? { ok: true, rows } : read;
}

/**
 * readCsvRows one record at a time: `onRow` gets each as it is read, so that a caller that keeps
 * less than the cells (a payments statement keeps a payment) does not hold every row of a large
 * file at once. A CSV error is only known at the end (a quote never closed runs to it): a caller
 * then drops what it made of the rows.
 */
export function eachCsvRow(
  text: string,
  delimiter: CsvDelimiter,
  onRow: (row: TableRow) => void,
  options: { toLine?: number } = {},
): { ok: true } | { ok: false; problems: ImportProblem[] } {
  const toLine = options.toLine ?? Number.POSITIVE_INFINITY;
  const sep = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n && line <= toLine) {
    if (text.charCodeAt(i) === NEWLINE) {
      i++;
      line++;
      continue;
    }
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let end: number; // where the field ends: at a separator, a line break or the end
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        let q = text.indexOf('"', from);
        while (q >= 0 && text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1);
          from = q + 2;
          q = text.indexOf('"', from);
        }
        if (q < 0) {
          return { ok: false, problems: [{ line: lastLine(text), message: `a quoted field that starts on line ${line} is never closed (a " is missing)` }] };
        }
        end = fieldEnd(text, q + 1, sep);
        value += text.slice(from, q);
        // Text after the closing quote: the field keeps its quotes, and that text.
        cells.push(end === q + 1 ? value : `"${value}${text.slice(q, end)}`);
        line += countNewlines(text.slice(i, end));
      } else {
        end = fieldEnd(text, i, sep);
        cells.push(text.slice(i, end));
      }
      i = end + 1;
      if (end >= n || text.charCodeAt(end) === NEWLINE) {
        line++;
        break;
      }
    }
    onRow({ line: start, cells });
  }
  return { ok: true };
}

const NEWLINE = 10;
const QUOTE = 34;

/** Where an unquoted field that starts at `from` ends. */
function fieldEnd(text: string, from: number, sep: number): number {
  let end = from;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c === sep || c === NEWLINE) break;
    end++;
  }
  return end;
}

/** The last line of the text, as csv-parse names it when the text ends inside a quoted field. */
function lastLine(text: string): number {
  return countNewlines(text.endsWith('\n') ? text.slice(0, -1) : text) + 1;
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
