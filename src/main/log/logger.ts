/**
 * The back end's log: one pino logger per process, writing JSON lines into the data folder's
 * logs/ (one file a day, the last LOG_FILES_KEPT kept). Whoever opens a data folder (`kmlttb
 * web`, `kmlttb server`, the desktop app, the CLI's `withDesk`) opens its log with `openFileLog`
 * and hands the logger to `openDesk`; everything else reaches it as `desk.log`. A desk opened
 * without one (tests) logs nowhere: `silentLogger`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pino, stdSerializers, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/** Log files kept in logs/, the one in use included: two weeks of daily files. */
export const LOG_FILES_KEPT = 14;
const BASE_NAME = 'kmlttb';

/**
 * Keys whose values never reach a log, at the top of a log line or one level down (`err.input`,
 * `req.headers`): credentials, signatures, bodies and inputs (they carry names, ID numbers and
 * phones), and people's details by name. Serializers below keep headers and bodies out already;
 * this is the net under them.
 */
const SENSITIVE_KEYS = [
  'password',
  'passwordFile',
  'token',
  'apiKey',
  'apikey',
  'secret',
  'authorization',
  'cookie',
  'signature',
  'x-signature',
  'headers',
  'body',
  'input',
  'payload',
  'nationalId',
  'national_id',
  'idNumber',
  'phone',
  'phoneNumber',
  'phone_number',
  'fullName',
  'full_name',
  'firstName',
  'first_name',
  'lastName',
  'last_name',
  'email',
];

export const LOG_OPTIONS: LoggerOptions = {
  level: 'info',
  redact: { paths: [...SENSITIVE_KEYS, ...SENSITIVE_KEYS.map((k) => `*["${k}"]`)], censor: '[redacted]' },
  serializers: { err: stdSerializers.err, error: stdSerializers.err, req: requestSummary },
};

/** A request as Fastify's own lines name it (its default error handler): method and route, never the query or headers. */
function requestSummary(req: { method?: string; url?: string; routeOptions?: { url?: string } }) {
  return { method: req.method, route: req.routeOptions?.url ?? req.url?.split('?')[0] };
}

/** The logs folder of a data folder. */
export function logsDirOf(dataDir: string): string {
  return path.join(dataDir, 'logs');
}

/** A logger that writes nothing: the default of a desk opened without one. */
export const silentLogger: Logger = pino({ level: 'silent' });

export interface FileLog {
  logger: Logger;
  /** The logs folder. */
  dir: string;
  /** Writes what is buffered and closes the file. */
  close(): Promise<void>;
}

/** Opens the log of one process (`name`: web, server, desktop) in `<dataDir>/logs`, readable by its owner only. */
export async function openFileLog(dataDir: string, name: string): Promise<FileLog> {
  const dir = logsDirOf(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  pruneLogs(dir, LOG_FILES_KEPT - 1);
  // Loaded when first needed (with date-fns): one-shot `kmlttb` commands log to stderr only.
  const { default: pinoRoll } = await import('pino-roll');
  const stream = await pinoRoll({
    file: path.join(dir, BASE_NAME),
    extension: '.log',
    frequency: 'daily',
    dateFormat: 'yyyy-MM-dd',
    // pino-roll prunes when it rolls over at midnight; pruneLogs above covers a process started each day.
    limit: { count: LOG_FILES_KEPT - 1, removeOtherLogFiles: true },
    mode: 0o600,
  });
  const logger = pino({ ...LOG_OPTIONS, name }, stream);
  let closed: Promise<void> | null = null;
  return {
    logger,
    dir,
    close() {
      closed ??= new Promise<void>((resolve) => {
        stream.once('close', () => resolve());
        stream.once('error', () => resolve());
        stream.end();
      });
      return closed;
    },
  };
}

/** Removes all but the `keep` newest log files of the folder. */
export function pruneLogs(dir: string, keep: number): void {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${BASE_NAME}.`) && f.endsWith('.log'))
    .map((f) => ({ file: path.join(dir, f), mtime: fs.statSync(path.join(dir, f)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { file } of files.slice(keep)) fs.rmSync(file, { force: true });
}
