/**
 * Export figures: the applications report to CSV against its raw baseline (the same SELECT
 * written with join(','), read through the same kind of connection as the export: read-only,
 * without mmap), and to XLSX; peak memory of each. Every run is a child process of its
 * own, so its memory is the export's alone: growth is the kernel's peak RSS during the export
 * (VmHWM, reset when the export starts) less the RSS just before it.
 */
import path from 'node:path';
import type { Actor } from '../../../src/main/core/actor.js';
import { checkLine, formatMb, formatMs, formatPct, formatRate, type Figure } from '../stats.js';
import { childScript, runChild } from './child.js';
import type { ExportChildResult } from './exportChild.js';

const CSV_RATIO = 0.4;
const CSV_MB = 300;
const XLSX_MB = 400;

function memoryText(r: ExportChildResult): string {
  const split =
    r.peakAnon === null || r.anonBefore === null || r.peakFile === null || r.fileBefore === null
      ? ''
      : `; of the growth (sampled): heap and native +${formatMb(r.peakAnon - r.anonBefore)}, database pages mapped by mmap +${formatMb(r.peakFile - r.fileBefore)}`;
  return `peak RSS ${formatMb(Math.max(r.hwm, r.peakRss))}, before ${formatMb(r.rssBefore)}${split}`;
}
const growth = (r: ExportChildResult) => Math.max(r.hwm, r.peakRss) - r.rssBefore;

export async function benchExports(
  dataDir: string,
  actor: Actor,
  say: (l?: string) => void,
  rounds: number,
  pragmas: readonly string[] = [],
): Promise<Figure[]> {
  const out = (ext: string) => path.join(dataDir, `bench-export.${ext}`);
  const run = (mode: 'csv' | 'xlsx' | 'raw') =>
    runChild<ExportChildResult>(childScript('exportChild.ts'), [
      dataDir,
      mode,
      out(mode === 'raw' ? 'raw.csv' : mode),
      JSON.stringify(actor),
      JSON.stringify(pragmas),
    ]);
  const line = (r: ExportChildResult) =>
    `${r.rows.toLocaleString('en')} rows, ${formatMb(r.bytes)}, ${formatMs(r.ms)} (CPU ${formatMs(r.cpuMs)}), ${formatRate(r.rows / (r.ms / 1000))}; ` +
    `memory growth ${formatMb(growth(r))} (${memoryText(r)})`;

  const raws: ExportChildResult[] = [];
  const csvs: ExportChildResult[] = [];
  for (let i = 0; i < rounds; i++) {
    // Alternate, so that a burst of other work on the machine does not fall on one side only.
    raws.push(await run('raw'));
    say(`  export raw baseline #${i + 1} (same SELECT on the same kind of reader, join(',') to a file): ${line(raws[i]!)}`);
    csvs.push(await run('csv'));
    say(`  export CSV #${i + 1} (exportReport): ${line(csvs[i]!)}`);
  }
  const xlsx = await run('xlsx');
  say(`  export XLSX (exportReport, streaming): ${line(xlsx)}`);
  say(
    `    memory: measured in a child process per export; growth = VmHWM (reset by /proc/self/clear_refs at the start: ${xlsx.hwmReset ? 'yes' : 'no — lifetime peak, an upper bound'}) − VmRSS before; ` +
      'RSS counts the database pages the export touched through mmap (RssFile) as well as the heap (RssAnon)',
  );

  const best = (rs: ExportChildResult[], key: 'ms' | 'cpuMs') => Math.min(...rs.map((r) => r[key]));
  const ratio = best(raws, 'ms') / best(csvs, 'ms');
  const cpuRatio = best(raws, 'cpuMs') / best(csvs, 'cpuMs');
  const csvGrowth = Math.max(...csvs.map(growth));
  const rows = csvs[0]!.rows;
  return [
    checkLine(
      `export ${rows.toLocaleString('en')} applications to CSV: speed vs raw SELECT-and-write`,
      formatPct(ratio),
      `≥ ${formatPct(CSV_RATIO)}`,
      ratio >= CSV_RATIO,
      `best of ${rounds}: export ${formatMs(best(csvs, 'ms'))}, raw ${formatMs(best(raws, 'ms'))}; CPU-time ratio ${formatPct(cpuRatio)}`,
    ),
    checkLine(
      `export ${rows.toLocaleString('en')} applications to CSV: peak memory growth`,
      formatMb(csvGrowth),
      `< ${CSV_MB} MB`,
      csvGrowth < CSV_MB * 1024 * 1024,
      memoryText(csvs[0]!),
    ),
    checkLine(
      `export ${xlsx.rows.toLocaleString('en')} applications to XLSX (streaming): peak memory growth`,
      formatMb(growth(xlsx)),
      `< ${XLSX_MB} MB`,
      growth(xlsx) < XLSX_MB * 1024 * 1024,
      `${formatMs(xlsx.ms)} (CPU ${formatMs(xlsx.cpuMs)}); ${memoryText(xlsx)}`,
    ),
  ];
}
