import fs from 'node:fs';
import path from 'node:path';
import { namesIn } from '../core/folderNames.js';

/** Where a data folder keeps its own backups: `<dataDir>/backups`, its owner's only. */
export const BACKUPS_FOLDER = 'backups';

export function backupsFolder(dataDir: string): string {
  const dir = path.join(dataDir, BACKUPS_FOLDER);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** `2026-11-25T07-30-00Z`: a time as a file name can hold it (no colons), sorting as it reads. */
export function fileStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
}

export function stampTime(stamp: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z$/.exec(stamp);
  if (!m) return null;
  const at = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** A snapshot the desk made (every day, or "Back up now"): the ones retention looks after. */
export function snapshotName(at: Date): string {
  return `kmlttb-${fileStamp(at)}.sqlite`;
}

/** Made just before a migration, named for the schema versions: kept until removed by hand. */
export function beforeMigrationName(at: Date, from: number, to: number): string {
  return `before-migration-${from}-to-${to}-${fileStamp(at)}.sqlite`;
}

export interface BackupFile {
  name: string;
  kind: 'snapshot' | 'before-migration' | 'replaced';
  at: Date;
  bytes: number;
}

const KINDS: [BackupFile['kind'], RegExp][] = [
  ['snapshot', /^kmlttb-(.+)\.sqlite$/],
  ['before-migration', /^before-migration-\d+-to-\d+-(.+)\.sqlite$/],
  ['replaced', /^kmlttb\.sqlite\.replaced-(.+)$/],
];

/** The backups in the folder, newest first (nothing else there is listed: temporary files, WALs). */
export function listBackups(dataDir: string): BackupFile[] {
  const dir = path.join(dataDir, BACKUPS_FOLDER);
  const found: BackupFile[] = [];
  for (const name of namesIn(dir)) {
    for (const [kind, pattern] of KINDS) {
      const at = stampTime(pattern.exec(name)?.[1] ?? '');
      if (at) found.push({ name, kind, at, bytes: fs.statSync(path.join(dir, name)).size });
    }
  }
  return found.sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name));
}
