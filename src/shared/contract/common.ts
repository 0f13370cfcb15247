import { z } from 'zod';
import { APPLICATION_STATES } from '../applicationState.js';
import type { ErrorBody } from '../errors.js';
import { ROLES } from '../permissions.js';

export const id = z.string().min(1).max(64);
export const reason = z.string().trim().min(3, 'Give a reason of at least 3 characters').max(1000);
export const cadre = z.enum(['technologist', 'technician']);
export const role = z.enum(ROLES);
export const applicationState = z.enum(APPLICATION_STATES);
export const licenceYear = z.number().int().min(2000).max(2100);
export const page = z.object({
  page: z.number().int().min(0).max(100_000).default(0),
  pageSize: z.number().int().min(1).max(500).default(100),
});
export const sortDir = z.enum(['asc', 'desc']).default('asc');

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A file to import: its name, its bytes (base64), and whether only to check it. */
export const importFileInput = z.object({
  fileName: z.string().min(1).max(255),
  dataBase64: z.string().max(200_000_000),
  dryRun: z.boolean().default(false),
});

/** The imports the app can follow while they run (bridge `importStart`): their commands. */
export const FOLLOWED_IMPORTS = ['applications.import', 'payments.import'] as const;
export const importStartInput = z.object({ command: z.enum(FOLLOWED_IMPORTS), input: importFileInput });
export const importJobInput = z.object({ jobId: id });

/** An import running in the back end: how many rows are stored of the total, then its outcome. */
export interface ImportJob<R = unknown> {
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  /** Null until the file is read. */
  total: number | null;
  /** The command's answer, once done. */
  result: R | null;
  /** Why it failed (the command's error, its issues included), once failed or cancelled. */
  error: ErrorBody | null;
}
