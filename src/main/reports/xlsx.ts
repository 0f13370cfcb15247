import ExcelJS from 'exceljs';
import type { ReportColumn, ReportRow } from './types.js';

const NAIROBI_OFFSET_MS = 3 * 3600_000;

/**
 * Streams rows to an XLSX workbook with typed cells: Nairobi times as dates, money as numbers
 * with two decimals, a bold header row, frozen panes and column widths. Text is written as text,
 * never as a formula, so `=cmd|…` in a name stays inert.
 */
export async function writeXlsx(file: string, title: string, columns: readonly ReportColumn[], rows: Iterable<ReportRow>, signal?: AbortSignal): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  workbook.creator = 'KMLTTB Licensing Desk';
  const sheet = workbook.addWorksheet(title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.key,
    key: c.key,
    width: Math.max(c.key.length + 2, c.width ?? 12),
    style: c.kind === 'money' ? { numFmt: '#,##0.00' } : c.kind === 'datetime' ? { numFmt: 'yyyy-mm-dd hh:mm' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let n = 0;
  for (const row of rows) {
    // Let the event loop breathe: the file stream drains and a cancel can arrive.
    if (++n % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    const values: Record<string, string | number | Date | null> = {};
    for (const c of columns) {
      const v = row[c.key] ?? null;
      if (v === null || v === '') values[c.key] = null;
      else if (c.kind === 'money') values[c.key] = Number(v) / 100;
      // Spreadsheets have no time zones: the cell holds the Nairobi wall-clock time.
      else if (c.kind === 'datetime') values[c.key] = new Date(Date.parse(String(v)) + NAIROBI_OFFSET_MS);
      else if (c.kind === 'int') values[c.key] = Number(v);
      else values[c.key] = String(v);
    }
    sheet.addRow(values).commit();
  }
  sheet.commit();
  await workbook.commit();
}
