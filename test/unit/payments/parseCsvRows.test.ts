import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readCsvRows, type CsvDelimiter } from '../../../src/main/applications/import/readCsv.js';

/** The rows and start lines csv-parse gives with the options the importers used to pass it, or the error line. */
function csvParse(text: string, delimiter: CsvDelimiter): string {
  try {
    const records = parse(text, { delimiter, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return JSON.stringify(records.map(({ record, info }) => [record, info.lines - record.reduce((n, c) => n + c.split('\n').length - 1, 0)]));
  } catch (err) {
    return `error on line ${(err as { lines: number }).lines}`;
  }
}

function ours(text: string, delimiter: CsvDelimiter): string {
  const result = readCsvRows(text, delimiter);
  return result.ok ? JSON.stringify(result.rows.map((r) => [r.cells, r.line])) : `error on line ${result.problems[0]!.line}`;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('splitting CSV text into rows', () => {
  it('reads every small text of quotes, separators, spaces and line breaks as csv-parse (relax_quotes) does', () => {
    const random = mulberry32(20250530);
    const alphabet = ['a', 'b', ',', ';', '\t', '"', '"', '\n', ' '];
    const differences: string[] = [];
    for (let k = 0; k < 5_000; k++) {
      let text = '';
      const length = 1 + Math.floor(random() * 16);
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
      for (const delimiter of [',', ';', '\t'] as const) {
        if (csvParse(text, delimiter) !== ours(text, delimiter)) differences.push(`${JSON.stringify(text)} with ${JSON.stringify(delimiter)}`);
      }
    }
    expect(differences.slice(0, 5)).toEqual([]);
  });

  it('keeps quotes that are not around a whole field, and a quoted field followed by more text, as written', () => {
    expect(ours('a,b"c,"x""y"\n"q"r,s', ',')).toBe(
      JSON.stringify([
        [['a', 'b"c', 'x"y'], 1],
        [['"q"r', 's'], 2],
      ]),
    );
  });

  it('stops after the rows that start by toLine', () => {
    const result = readCsvRows('a\n"b\nc"\nd\ne', ',', { toLine: 2 });
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 1, cells: ['a'] },
        { line: 2, cells: ['b\nc'] },
      ],
    });
  });

  it('names the line a quoted field that is never closed starts on', () => {
    expect(readCsvRows('a,b\n1,"open\n2,x\n', ',')).toEqual({
      ok: false,
      problems: [{ line: 3, message: 'a quoted field that starts on line 2 is never closed (a " is missing)' }],
    });
  });
});
