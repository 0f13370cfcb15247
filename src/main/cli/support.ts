import fs from 'node:fs';
import { UserError } from '../../shared/errors.js';
import { authenticate } from '../auth/sessions.js';
import { SYSTEM_ACTOR, type Actor } from '../core/actor.js';
import { openDesk, type Desk } from '../desk.js';
import { openFileLog } from '../log/logger.js';
import { defaultDataDir } from './dataDir.js';

export interface GlobalOptions {
  data?: string;
  user?: string;
  passwordFile?: string;
}

export function readPasswordFile(file: string | undefined, option = '--password-file'): string {
  if (!file) throw new UserError('invalid_input', `${option} is required.`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UserError('invalid_input', `Cannot read the password file '${file}'.`);
  }
  const password = text.replace(/\r?\n$/, '');
  if (!password) throw new UserError('invalid_input', `The password file '${file}' is empty.`);
  return password;
}

/**
 * Opens the data folder, runs `work`, and always closes the database. An internal error's
 * reference that the command prints is in the data folder's log with its stack.
 */
export async function withDesk<T>(opts: GlobalOptions, work: (desk: Desk) => Promise<T>): Promise<T> {
  const dataDir = opts.data ?? defaultDataDir();
  const log = await openFileLog(dataDir, 'cli');
  try {
    const desk = openDesk(dataDir, { log: log.logger, notice: (line) => console.error(line) });
    try {
      return await work(desk);
    } finally {
      await desk.close();
    }
  } finally {
    await log.close();
  }
}

/** The named user (`--user U --password-file F`), or the system actor where that is allowed. */
export async function actorFor(desk: Desk, opts: GlobalOptions, systemAllowed: boolean): Promise<Actor> {
  if (opts.user) return authenticate(desk, opts.user, readPasswordFile(opts.passwordFile));
  if (systemAllowed) return SYSTEM_ACTOR;
  throw new UserError('invalid_input', 'Name the user to act as: --user U --password-file F.');
}

/** Turns a failed Result into the CLI's user error. */
export function unwrap<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string; message: string; issues?: { where: string; message: string }[] } },
): T {
  if (result.ok) return result.value;
  const { code, message, issues = [] } = result.error;
  // A lone issue is often the message itself; otherwise ("1 problem; nothing was imported") it is what names the problem.
  const shown = issues.length > 1 || (issues.length === 1 && !message.includes(issues[0]!.message)) ? issues : [];
  throw new UserError(code as never, [message, ...shown.map((i) => `  ${i.where}: ${i.message}`)].join('\n'));
}

const BAR_WIDTH = 30;

/** `Importing pay.csv [#########.....................] 1,500 of 5,000 (30%)`, or the count alone without a total. */
export function progressLine(label: string, n: number, total?: number): string {
  const count = n.toLocaleString('en-KE');
  if (total === undefined) return `${label}: ${count}`;
  const share = total === 0 ? 1 : Math.min(1, n / total);
  const filled = Math.round(share * BAR_WIDTH);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${count} of ${total.toLocaleString('en-KE')} (${Math.floor(share * 100)}%)`;
}

/**
 * Progress on a terminal only, on stderr so that stdout keeps just the result; quiet when stdout
 * or stderr is not a terminal (piped, redirected, run by a script).
 */
export function progress(label: string): ((n: number, total?: number) => void) & { done(): void } {
  const tty = Boolean(process.stdout.isTTY && process.stderr.isTTY);
  let shown = false;
  const fn = ((n: number, total?: number) => {
    if (!tty) return;
    process.stderr.write(`\r${progressLine(label, n, total)}\x1b[K`);
    shown = true;
  }) as ((n: number, total?: number) => void) & { done(): void };
  fn.done = () => {
    if (shown) process.stderr.write('\r\x1b[K');
  };
  return fn;
}

/** A `--port` value: digits only (no `1e3`, `0x50` or ` 80`), 0 to 65535; 0 picks a free port. */
export function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d{1,5}$/.test(raw) || port > 65535) throw new UserError('invalid_input', `--port '${raw}' is not a port number.`);
  return port;
}
