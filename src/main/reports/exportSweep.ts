import fs from 'node:fs';
import path from 'node:path';
import type { DeskServices } from '../core/deskServices.js';
import { namesIn } from '../core/folderNames.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Where report exports wait in the data folder until the person saves them. */
export function exportsDir(dataDir: string): string {
  return path.join(dataDir, 'exports');
}

/** How many days an export is kept (setting `exports.keepDays`). */
export function exportKeepDays(desk: Pick<DeskServices, 'setting'>): number {
  return Number(desk.setting('exports.keepDays'));
}

/**
 * Removes exports last written more than `exports.keepDays` days ago by the desk's clock: they hold
 * personal data, and a person who needed one has saved it elsewhere by then. Returns the files removed.
 */
export function sweepExports(desk: DeskServices): string[] {
  const dir = exportsDir(desk.dataDir);
  const cutoff = desk.clock().getTime() - exportKeepDays(desk) * DAY_MS;
  const removed: string[] = [];
  for (const name of namesIn(dir)) {
    const file = path.join(dir, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile() || stat.mtimeMs >= cutoff) continue;
    fs.rmSync(file, { force: true });
    removed.push(name);
  }
  return removed;
}

/** A sweep nobody waits for (opening the desk, the daily one): a failure is logged, never fatal. */
export function sweepExportsInBackground(desk: DeskServices): void {
  try {
    sweepExports(desk);
  } catch (err) {
    desk.log.error({ err }, 'exports: old exports were not removed');
  }
}
