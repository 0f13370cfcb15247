import type ExcelJS from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { neutraliseFormula } from './format.js';
import type { ReportColumn, ReportRow } from './types.js';

const NAIROBI_OFFSET_MS = 3 * 3600_000;

/** What exceljs keeps inside a streamed sheet: its StreamBuf, piped into the zip entry's stream. */
interface SheetStream {
  buffers?: unknown[];
  pipes?: { writableNeedDrain?: boolean; _writableState?: { needDrain?: boolean }; once(event: 'drain', f: () => void): unknown }[];
}

/**
 * Backpressure for a streamed sheet. exceljs writes each committed row into the zip entry's stream
 * whatever that stream answers, so rows read faster than they are compressed and written would
 * pile up in memory: wait for the entry's stream to drain (and, before the zip has started the
 * entry, for it to start taking the rows buffered so far).
 */
async function drained(sheet: ExcelJS.Worksheet, signal: AbortSignal): Promise<void> {
  const stream = (sheet as unknown as { stream?: SheetStream }).stream;
  if (!stream) return;
  const pipes = stream.pipes ?? [];
  if (!pipes.length) {
    if ((stream.buffers?.length ?? 0) > 16) await new Promise((resolve) => setImmediate(resolve));
    return;
  }
  for (const pipe of pipes) {
    if (pipe.writableNeedDrain ?? pipe._writableState?.needDrain) await once(pipe as unknown as NodeJS.EventEmitter, 'drain', { signal });
  }
}

/**
 * Streams rows to an XLSX workbook with typed cells: Nairobi times as dates, money as numbers
 * with two decimals, a bold header row, frozen panes and column widths. Text is written as text,
 * never as a formula, and neutralised as in CSV, so `=cmd|…` in a name stays inert.
 */
export async function writeXlsx(file: string, title: string, columns: readonly ReportColumn[], rows: Iterable<ReportRow>, signal?: AbortSignal): Promise<void> {
  // Loaded when first needed: it is large, and most `kmlttb` commands and starts never use it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
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
  // A failed write (disk full) or a cancel ends a wait for the zip to drain.
  const broken = new AbortController();
  const internals = workbook as unknown as { stream?: Writable; zip?: NodeJS.EventEmitter & { abort?(): void } };
  for (const emitter of [internals.stream, internals.zip]) emitter?.on('error', (err: unknown) => broken.abort(err));
  const stop = signal ? AbortSignal.any([signal, broken.signal]) : broken.signal;
  try {
    await writeRows(sheet, columns, rows, stop, signal, broken.signal);
  } catch (err) {
    // Close the file before it is removed: stop the zip and the file stream.
    internals.zip?.abort?.();
    const out = internals.stream;
    if (out && !out.destroyed) {
      const closed = once(out, 'close').catch(() => undefined);
      out.destroy();
      await closed;
    }
    throw err;
  }
  sheet.commit();
  await workbook.commit();
}

async function writeRows(
  sheet: ExcelJS.Worksheet,
  columns: readonly ReportColumn[],
  rows: Iterable<ReportRow>,
  stop: AbortSignal,
  signal: AbortSignal | undefined,
  broken: AbortSignal,
): Promise<void> {
  let n = 0;
  for (const row of rows) {
    // Let the event loop breathe (a cancel can arrive), and let the zip and the file catch up.
    if (++n % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (n % 100 === 0) {
      await drained(sheet, stop).catch((err: unknown) => {
        if (!stop.aborted) throw err;
      });
    }
    signal?.throwIfAborted();
    broken.throwIfAborted();
    const values: Record<string, string | number | Date | null> = {};
    for (const c of columns) {
      const v = row[c.key] ?? null;
      if (v === null || v === '') values[c.key] = null;
      else if (c.kind === 'money') values[c.key] = Number(v) / 100;
      // Spreadsheets have no time zones: the cell holds the Nairobi wall-clock time.
      else if (c.kind === 'datetime') values[c.key] = new Date(Date.parse(String(v)) + NAIROBI_OFFSET_MS);
      else if (c.kind === 'int') values[c.key] = Number(v);
      // A string cell never runs, but Excel makes a formula of it once someone edits the cell.
      else values[c.key] = neutraliseFormula(String(v));
    }
    sheet.addRow(values).commit();
  }
}
