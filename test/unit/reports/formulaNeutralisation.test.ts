import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCsv } from '../../../src/main/reports/csv.js';
import { REPORTS } from '../../../src/main/reports/export.js';
import type { ReportRow } from '../../../src/main/reports/types.js';
import { writeXlsx } from '../../../src/main/reports/xlsx.js';

/** Every character a spreadsheet reads as the start of a formula. */
const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];
const payload = (trigger: string) => `${trigger}cmd|' /C calc'!A0`;

/** XML reads a carriage return back as a line feed (exceljs writes it unescaped). */
const xmlText = (text: string) => text.replace(/\r\n?/g, '\n');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kmlttb-neutralise-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** One row per trigger, every text column of the report holding a formula that starts with it. */
function rowsFor(name: keyof typeof REPORTS): ReportRow[] {
  return TRIGGERS.map((trigger) => Object.fromEntries(REPORTS[name].columns.map((c) => [c.key, c.kind === 'text' ? payload(trigger) : null])));
}

const reportsWithText = (Object.keys(REPORTS) as (keyof typeof REPORTS)[]).filter((name) => REPORTS[name].columns.some((c) => c.kind === 'text'));

describe('formula neutralisation in exports', () => {
  it('covers every report: each has text columns', () => {
    expect(reportsWithText).toEqual(Object.keys(REPORTS));
  });

  it.each(reportsWithText)('%s as CSV: every text column, for every trigger character, starts with an apostrophe', async (name) => {
    const file = path.join(dir, `${name}.csv`);
    await writeCsv(file, REPORTS[name].columns, rowsFor(name));
    const [header, ...lines] = parse(fs.readFileSync(file, 'utf8'), { relax_column_count: false }) as string[][];
    expect(header).toEqual(REPORTS[name].columns.map((c) => c.key));
    expect(lines).toHaveLength(TRIGGERS.length);
    TRIGGERS.forEach((trigger, i) => {
      REPORTS[name].columns.forEach((c, j) => {
        expect(lines[i]![j], `${name}.${c.key} with ${JSON.stringify(trigger)}`).toBe(c.kind === 'text' ? `'${payload(trigger)}` : '');
      });
    });
  });

  it.each(reportsWithText)(
    '%s as XLSX: every text column, for every trigger character, is a string cell starting with an apostrophe, never a formula',
    async (name) => {
      const file = path.join(dir, `${name}.xlsx`);
      await writeXlsx(file, REPORTS[name].title, REPORTS[name].columns, rowsFor(name));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const sheet = wb.worksheets[0]!;
      expect(sheet.rowCount).toBe(TRIGGERS.length + 1);
      TRIGGERS.forEach((trigger, i) => {
        const row = sheet.getRow(i + 2);
        REPORTS[name].columns.forEach((c, j) => {
          const cell = row.getCell(j + 1);
          const what = `${name}.${c.key} with ${JSON.stringify(trigger)}`;
          expect(cell.formula, what).toBeUndefined();
          if (c.kind !== 'text') return;
          expect(cell.type, what).toBe(ExcelJS.ValueType.String);
          expect(cell.text, what).toBe(xmlText(`'${payload(trigger)}`));
        });
      });
      // No cell anywhere in the sheet is a formula.
      sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    },
  );
});
