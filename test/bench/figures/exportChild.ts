/**
 * Child process of the export figures: `exportChild.ts DATA_DIR MODE OUT ACTOR_JSON [PRAGMAS_JSON]`.
 * MODE `csv` or `xlsx` runs the app's export (exportReport, as the CLI and the app do); `raw` is
 * the CSV baseline: the applications report's own SELECT, iterated and written with a plain
 * join(',') (no quoting, no formatting), read through the same kind of connection as the export
 * (desk.openReader(): read-only, no mmap), so that the ratio weighs the export's own work.
 * Prints one JSON line: time, CPU time, rows, file size, and memory — RSS before, the kernel's peak (VmHWM, reset just before the export) and sampled
 * peaks of its anonymous and file-backed parts.
 */
import fs from 'node:fs';
import type { Actor } from '../../../src/main/core/actor.js';
import { readableDb } from '../../../src/main/db/handles.js';
import { openDesk } from '../../../src/main/desk.js';
import { applicationsReport } from '../../../src/main/reports/applicationsReport.js';
import { exportReport } from '../../../src/main/reports/export.js';
import { cpuNow } from '../stats.js';
import { memoryNow, resetPeak, sampleMemory } from './memory.js';

export interface ExportChildResult {
  mode: string;
  ms: number;
  cpuMs: number;
  rows: number;
  bytes: number;
  rssBefore: number;
  hwm: number;
  hwmReset: boolean;
  peakRss: number;
  peakAnon: number | null;
  peakFile: number | null;
  anonBefore: number | null;
  fileBefore: number | null;
  samples: number;
}

const [dataDir, mode, out, actorJson, pragmasJson] = process.argv.slice(2);
if (!dataDir || !out || !actorJson || !['csv', 'xlsx', 'raw'].includes(mode ?? '')) {
  throw new Error('usage: exportChild.ts DATA_DIR csv|xlsx|raw OUT ACTOR_JSON');
}
const actor = JSON.parse(actorJson) as Actor;
const desk = openDesk(dataDir);
// `npm run bench -- --pragma …`: an experiment on the measuring connections, as in the main process:
// the desk's own and the export's reader (exportReport reads the rows through desk.openReader()).
const pragmas = JSON.parse(pragmasJson ?? '[]') as string[];
for (const p of pragmas) desk.sqlite.pragma(p);
const openReader = desk.openReader;
desk.openReader = () => {
  const reader = openReader();
  for (const p of pragmas) reader.pragma(p);
  return reader;
};

function rawCsv(file: string): number {
  const cols = applicationsReport.columns.map((c) => c.key);
  const fd = fs.openSync(file, 'w');
  let buf = `${cols.join(',')}\n`;
  let rows = 0;
  const reader = desk.openReader();
  for (const row of applicationsReport.rows(readableDb(reader), {}, new Date().toISOString())) {
    const cells: string[] = [];
    for (const c of cols) cells.push(String(row[c] ?? ''));
    buf += `${cells.join(',')}\n`;
    rows++;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  reader.close();
  return rows;
}

global.gc?.();
const before = memoryNow();
const hwmReset = resetPeak();
const sampler = sampleMemory(10);
const c0 = cpuNow();
const t0 = performance.now();
const rows = mode === 'raw' ? rawCsv(out) : await exportReport(desk, actor, { report: 'applications', format: mode as 'csv' | 'xlsx', out });
const ms = performance.now() - t0;
const cpuMs = cpuNow() - c0;
const peaks = sampler.stop();
const after = memoryNow();
await desk.close();
const result: ExportChildResult = {
  mode: mode!,
  ms,
  cpuMs,
  rows,
  bytes: fs.statSync(out).size,
  rssBefore: before.rss,
  hwm: after.hwm,
  hwmReset,
  ...peaks,
  anonBefore: before.anon,
  fileBefore: before.file,
};
fs.rmSync(out, { force: true });
process.stdout.write(`${JSON.stringify(result)}\n`);
