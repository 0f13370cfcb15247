import { columnTitle } from '../../shared/reportColumnTitles.js';
import { wholeLines, wrapLines, type CellLine, type Measure } from './pdfWrap.js';
import type { ColumnKind, ReportColumn } from './types.js';

/**
 * How a report's columns sit on a landscape page. Each column gets at least the room its
 * header's longest word and its widest expected value need, so that headers wrap only between
 * words and identifiers, amounts and times are never wrapped or cut. When the columns do not fit
 * on one line even at the smallest size, a record takes two (or more) lines, each a band of
 * consecutive columns under a header of its own: nothing is dropped and nothing is cut.
 * Pure: the caller measures text.
 */

/** Room left and right of a cell's text, in points. */
export const CELL_PAD = 2;
/** Font sizes tried for one line per record, largest first; below the last, records take more lines. */
const ONE_LINE_SIZES = [9, 8, 7] as const;
const BANDED_SIZE = 7;
/** The widest value expected of a column that is not free text. */
const SAMPLES: Record<Exclude<ColumnKind, 'text'>, string> = { money: '9,999,999.99', datetime: '2026-11-25 10:30', int: '99999' };
/** Free text wraps at spaces; its column still has room for a long word, such as a double surname, on one line. */
const FREE_TEXT_SAMPLE = 'Odhiambo-Wanjiku';
/** Free text is easy to read up to about sixty characters a line. */
const FREE_TEXT_MAX_WIDTH = 240;

export interface PdfColumn {
  key: string;
  label: string;
  /** Printed on one line, never wrapped or cut (identifiers, money, times, counts). */
  whole: boolean;
  align: 'left' | 'right';
  x: number;
  width: number;
}

export interface TableLayout {
  size: number;
  /** Each record prints one line of cells per band, in this order. */
  bands: PdfColumn[][];
}

/** A column's printed header: its title, as the Reports preview shows it, and money marked as KES. */
export function headerLabel(column: ReportColumn): string {
  const label = columnTitle(column.key);
  return column.kind === 'money' ? `${label} (KES)` : label;
}

function isWhole(column: ReportColumn): boolean {
  return column.kind !== 'text' || column.whole !== undefined;
}

function minWidth(column: ReportColumn, size: number, measure: Measure): number {
  const header = Math.max(
    ...headerLabel(column)
      .split(' ')
      .map((w) => measure(w, true, size)),
  );
  const sample = column.kind === 'text' ? (column.whole ?? FREE_TEXT_SAMPLE) : SAMPLES[column.kind];
  return Math.ceil(Math.max(header, measure(sample, false, size))) + 2 * CELL_PAD;
}

/** The largest size at which every column fits on one line; otherwise the columns in as few bands as will fit, balanced. */
export function layoutTable(columns: readonly ReportColumn[], left: number, usable: number, measure: Measure): TableLayout {
  for (const size of ONE_LINE_SIZES) {
    const mins = columns.map((c) => minWidth(c, size, measure));
    if (sum(mins) <= usable) return { size, bands: [band(columns, mins, left, usable)] };
  }
  const mins = columns.map((c) => Math.min(usable, minWidth(c, BANDED_SIZE, measure)));
  return {
    size: BANDED_SIZE,
    bands: partition(mins, usable).map(([from, to]) => band(columns.slice(from, to), mins.slice(from, to), left, usable)),
  };
}

/**
 * One line of columns across the page. The room left over goes first to free text (by relative
 * width, up to a comfortable line length), then to every column by relative width.
 */
function band(columns: readonly ReportColumn[], mins: readonly number[], left: number, usable: number): PdfColumn[] {
  const widths = [...mins];
  const weights = columns.map((c) => c.width ?? 12);
  const room = Math.max(0, usable - sum(mins));
  let extra = room;
  const free = columns.flatMap((c, i) => (isWhole(c) ? [] : [i]));
  const freeWeight = sum(free.map((i) => weights[i]!));
  for (const i of free) {
    const grow = Math.min((room * weights[i]!) / freeWeight, Math.max(0, FREE_TEXT_MAX_WIDTH - widths[i]!));
    widths[i] = widths[i]! + grow;
    extra -= grow;
  }
  const total = sum(weights);
  for (let i = 0; i < widths.length; i++) widths[i] = widths[i]! + (extra * weights[i]!) / total;
  let x = left;
  return columns.map((c, i) => {
    const width = widths[i]!;
    const column: PdfColumn = {
      key: c.key,
      label: headerLabel(c),
      whole: isWhole(c),
      align: c.kind === 'money' || c.kind === 'int' ? 'right' : 'left',
      x,
      width,
    };
    x += width;
    return column;
  });
}

/**
 * Consecutive columns in the fewest bands that fit the width, as even as they can be:
 * `[from, to)` ranges. A column wider than the page gets a band of its own.
 */
export function partition(widths: readonly number[], usable: number): [number, number][] {
  const n = widths.length;
  if (n === 0) return [];
  let bands = 1;
  let line = 0;
  for (const w of widths) {
    if (line > 0 && line + w > usable) {
      bands++;
      line = 0;
    }
    line += w;
  }
  // best[k][i]: the widest band when the first i columns are split into k bands; cut[k][i]: where the last begins.
  const best = Array.from({ length: bands + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  const cut = Array.from({ length: bands + 1 }, () => new Array<number>(n + 1).fill(0));
  best[0]![0] = 0;
  for (let k = 1; k <= bands; k++) {
    for (let i = 1; i <= n; i++) {
      let width = 0;
      for (let j = i - 1; j >= 0; j--) {
        width += widths[j]!;
        const widest = Math.max(best[k - 1]![j]!, width);
        if (widest < best[k]![i]!) {
          best[k]![i] = widest;
          cut[k]![i] = j;
        }
      }
    }
  }
  const ranges: [number, number][] = [];
  let end = n;
  for (let k = bands; k >= 1; k--) {
    const start = cut[k]![end]!;
    ranges.unshift([start, end]);
    end = start;
  }
  return ranges;
}

/** A cell's lines: whole values on one line (smaller if need be), free text wrapped. */
export function cellLines(column: PdfColumn, text: string, size: number, measure: Measure): CellLine[] {
  const inner = column.width - 2 * CELL_PAD;
  return column.whole ? wholeLines(text, inner, size, measure) : wrapLines(text, inner, size, measure);
}

/** A header's lines, wrapped between words. */
export function headerLines(column: PdfColumn, size: number, measure: Measure): CellLine[] {
  return wrapLines(column.label, column.width - 2 * CELL_PAD, size, measure, true);
}

function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}
