import { stringify } from 'csv-stringify';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { formatValue } from './format.js';
import type { ReportColumn, ReportRow } from './types.js';

export { neutraliseFormula } from './format.js';

/** Streams rows to a CSV file: money as KES with two decimals, times in Nairobi with their offset. */
export async function writeCsv(file: string, columns: readonly ReportColumn[], rows: Iterable<ReportRow>, signal?: AbortSignal): Promise<void> {
  function* cells() {
    for (const row of rows) {
      signal?.throwIfAborted();
      yield columns.map((c) => formatValue(c.kind, row[c.key] ?? null));
    }
  }
  await pipeline(Readable.from(cells()), stringify({ header: true, columns: columns.map((c) => c.key) }), fs.createWriteStream(file), { signal });
}
