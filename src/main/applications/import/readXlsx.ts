import type ExcelJS from 'exceljs';
import { isBlankRow, type TableResult, type TableRow } from './table.js';

/**
 * The first worksheet of an XLSX workbook; the first non-empty row is the header. Line numbers
 * are the sheet's row numbers. A formula cell becomes its formula text (`=...`) so that the
 * validator refuses it like formula-looking text in a CSV.
 */
export async function readXlsx(bytes: Uint8Array): Promise<TableResult> {
  // Loaded when first needed: it is large, and most `kmlttb` commands and starts never use it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (err) {
    return { ok: false, problems: [{ line: 1, message: `the file could not be read as an Excel workbook (${(err as Error).message})` }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, problems: [{ line: 1, message: 'the workbook has no worksheet' }] };

  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
    if (!isBlankRow(cells)) rows.push({ line: rowNumber, cells });
  });
  const header = rows.shift();
  if (!header) return { ok: false, problems: [{ line: 1, message: 'the first worksheet is empty' }] };
  return { ok: true, table: { headerLine: header.line, headers: header.cells, rows } };
}

/** A cell as the text a CSV of it would hold. Dates carry no zone: they are Nairobi wall-clock time. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 19);
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value ? value.formula : value.sharedFormula;
    return `=${formula}`;
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) {
    const text = value.text as unknown;
    return typeof text === 'string' ? text : cellText(text as ExcelJS.CellValue);
  }
  if ('error' in value) return String(value.error);
  return '';
}
