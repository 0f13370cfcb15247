import { z } from 'zod';

/** A backup in the desk's backups/ folder, as Settings, Backups lists it. */
export interface BackupRow {
  /** Its file name in backups/. */
  file: string;
  /** A snapshot (daily, or "Back up now"), a copy made before a migration, or a database a restore replaced. */
  kind: 'snapshot' | 'before-migration' | 'replaced';
  at: string;
  bytes: number;
}

export interface BackupsOverview {
  /** The newest backup of any kind, or null. */
  last: BackupRow | null;
  backups: BackupRow[];
  /** A restore chosen in Settings, waiting for the next start. */
  restoreAtStart: { file: string; requestedBy: string; requestedAt: string } | null;
}

export const backupRestoreInput = z.object({ file: z.string().trim().min(1).max(200) });

export interface BackupRestoreResult {
  file: string;
  /** The running program holds the database open: the backup is put in place when it starts again. */
  restartRequired: true;
}
