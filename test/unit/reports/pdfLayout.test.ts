import { describe, expect, it } from 'vitest';
import { CELL_PAD, cellLines, headerLabel, headerLines, layoutTable, partition } from '../../../src/main/reports/pdfLayout.js';
import { MIN_WHOLE_SIZE, wholeLines, wrapLines, type Measure } from '../../../src/main/reports/pdfWrap.js';
import { datetime, ident, int, money, text, type ReportColumn } from '../../../src/main/reports/types.js';

/** Every character half as wide as the size (bold a little wider): easy to reason about. */
const measure: Measure = (t, bold, size) => [...t].length * size * (bold ? 0.55 : 0.5);

describe('a value an auditor traces stays whole', () => {
  it('fits on one line at the cell size when there is room', () => {
    expect(wholeLines('LB2237PN9Y', 40, 8, measure)).toEqual([{ text: 'LB2237PN9Y', size: 8 }]);
  });

  it('prints smaller, on one line, when it is longer than its cell', () => {
    const [line, ...rest] = wholeLines('KMLTTB/2026/000001', 60, 8, measure);
    expect(rest).toEqual([]);
    expect(line!.text).toBe('KMLTTB/2026/000001');
    expect(line!.size).toBeLessThan(8);
    expect(line!.size).toBeGreaterThanOrEqual(MIN_WHOLE_SIZE);
    expect(measure(line!.text, false, line!.size)).toBeLessThanOrEqual(60);
  });

  it('is broken over lines, never cut, only when even the smallest size cannot hold it', () => {
    const value = 'A'.repeat(60);
    const lines = wholeLines(value, 40, 8, measure);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.map((l) => l.text).join('')).toBe(value);
    for (const l of lines) expect(measure(l.text, false, l.size)).toBeLessThanOrEqual(40);
  });

  it('an empty value takes no line', () => {
    expect(wholeLines('', 40, 8, measure)).toEqual([]);
  });
});

describe('free text wraps rather than being cut', () => {
  it('wraps between words, every line within the width, every word kept', () => {
    const reason = 'Please attach verified CPD certificates and resubmit the application on eCitizen.';
    const lines = wrapLines(reason, 60, 8, measure);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.map((l) => l.text).join(' ')).toBe(reason);
    for (const l of lines) expect(measure(l.text, false, 8)).toBeLessThanOrEqual(60);
  });

  it('keeps the line breaks of the text, and squeezes runs of spaces', () => {
    expect(wrapLines('first  line\nsecond', 400, 8, measure).map((l) => l.text)).toEqual(['first line', 'second']);
  });

  it('breaks a word longer than the cell after its hyphen where it can, otherwise between characters', () => {
    expect(wrapLines('Achieng Odhiambo-Wanjiku', 36, 8, measure).map((l) => l.text)).toEqual(['Achieng', 'Odhiambo-', 'Wanjiku']);
    const lines = wrapLines('Supercalifragilistic', 24, 8, measure).map((l) => l.text);
    expect(lines.join('')).toBe('Supercalifragilistic');
    expect(lines.every((l) => l.length <= 6)).toBe(true);
  });
});

describe('laying out a report on a landscape page', () => {
  const usable = 770;

  it('heads columns with their titles, not their keys, labels money in KES, and wraps headers only between words', () => {
    expect(headerLabel(money('amount_due'))).toBe('Amount due (KES)');
    expect(headerLabel(text('collection_centre'))).toBe('Collection centre');
    expect(headerLabel(ident('bill_ref', 'LBWWWWWWWW'))).toBe('Bill reference');
    const layout = layoutTable([money('amount_due'), int('awaiting_over_30_days')], 36, usable, measure);
    for (const column of layout.bands.flat()) {
      const lines = headerLines(column, layout.size, measure).map((l) => l.text);
      expect(lines.join(' ')).toBe(column.label);
      for (const word of column.label.split(' ')) expect(lines.some((l) => l.split(' ').includes(word))).toBe(true);
    }
  });

  it('a few columns go on one line at the largest size, spread across the whole width', () => {
    const columns = [ident('bill_ref', 'LBWWWWWWWW'), money('amount_due'), text('note', 30)];
    const layout = layoutTable(columns, 36, usable, measure);
    expect(layout.size).toBe(9);
    expect(layout.bands).toHaveLength(1);
    const [first, , last] = layout.bands[0]!;
    expect(first!.x).toBe(36);
    expect(last!.x + last!.width).toBeCloseTo(36 + usable);
  });

  it('every column has room for its widest expected value and its longest header word', () => {
    const columns: ReportColumn[] = [ident('licence_no', 'KMLTTB/2026/000000'), datetime('collected_at'), money('amount_paid'), text('full_name')];
    const layout = layoutTable(columns, 36, usable, measure);
    const [licence, at, paid] = layout.bands[0]!;
    expect(cellLines(licence!, 'KMLTTB/2026/000000', layout.size, measure)).toEqual([{ text: 'KMLTTB/2026/000000', size: layout.size }]);
    expect(cellLines(at!, '2026-11-25 10:30', layout.size, measure)).toHaveLength(1);
    expect(cellLines(paid!, '9,999,999.99', layout.size, measure)).toEqual([{ text: '9,999,999.99', size: layout.size }]);
    expect(paid!.align).toBe('right');
    expect(licence!.width - 2 * CELL_PAD).toBeGreaterThanOrEqual(measure('KMLTTB/2026/000000', false, layout.size));
  });

  it('columns too many for one line print each record on several lines of consecutive columns, none dropped, each line within the page', () => {
    const columns = Array.from({ length: 20 }, (_, i) => ident(`reference_${i}`, 'KMLTTB-APP-000000'));
    const layout = layoutTable(columns, 36, usable, measure);
    expect(layout.bands.length).toBeGreaterThan(1);
    expect(layout.bands.flat().map((c) => c.key)).toEqual(columns.map((c) => c.key));
    for (const band of layout.bands) {
      expect(band[0]!.x).toBe(36);
      const end = band.at(-1)!;
      expect(end.x + end.width).toBeLessThanOrEqual(36 + usable + 0.001);
    }
  });

  it('splits columns into the fewest bands, as even as they can be', () => {
    expect(partition([100, 100, 100], 300)).toEqual([[0, 3]]);
    expect(partition([100, 100, 100, 100], 300)).toEqual([
      [0, 2],
      [2, 4],
    ]);
    expect(partition([250, 10, 10, 10, 200, 200], 450)).toEqual([
      [0, 4],
      [4, 6],
    ]);
    expect(partition([500], 300)).toEqual([[0, 1]]);
    expect(partition([], 300)).toEqual([]);
  });
});
