import { stringify } from 'csv-stringify';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

/** A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) is prefixed with `'`. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Streams rows to a CSV file. Writes to a temporary file beside the target and renames it when
 * complete, so a failed or cancelled export leaves no partial file.
 */
export async function writeCsv(
  file: string,
  columns: readonly string[],
  rows: Iterable<Record<string, string | number | null>>,
  onRow?: (count: number) => void,
): Promise<number> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);
  let count = 0;
  function* cells() {
    for (const row of rows) {
      count++;
      if (onRow && count % 1000 === 0) onRow(count);
      yield columns.map((c) => {
        const v = row[c];
        return v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : neutraliseFormula(v);
      });
    }
  }
  try {
    await pipeline(Readable.from(cells()), stringify({ header: true, columns: [...columns], bom: false }), fs.createWriteStream(tmp));
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return count;
}
