/**
 * The typed client over `window.kmlttb`: the name of a command or query fixes the types of
 * its input and result. Failures become ApiError; a locked or ended session is reported to
 * the session layer so it can show the lock screen or the sign-in form.
 */
import type { FollowedImport, KmlttbBridge } from '../../../shared/bridge.js';
import type { ImportJob } from '../../../shared/contract/common.js';
import type { CommandInput, CommandName, CommandResult, QueryInput, QueryName, QueryResult } from '../../../shared/contract/index.js';
import type { ErrorCode, Result } from '../../../shared/errors.js';
import { ApiError } from './ApiError.js';

type SessionProblem = Extract<ErrorCode, 'session_locked' | 'not_signed_in'>;
let onSessionProblem: ((problem: SessionProblem) => void) | null = null;

export function setSessionProblemHandler(handler: ((problem: SessionProblem) => void) | null): void {
  onSessionProblem = handler;
}

let afterCommand: ((name: CommandName) => Promise<void>) | null = null;

/** What runs after each command this screen sends (the refresh of what it changed: changes.ts). */
export function setAfterCommandHandler(handler: ((name: CommandName) => Promise<void>) | null): void {
  afterCommand = handler;
}

export function bridge(): KmlttbBridge {
  const b = window.kmlttb;
  if (!b) throw new Error('The desk bridge is not installed.');
  return b;
}

/** Unwraps a Result; reports session problems. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const { code } = result.error;
  if ((code === 'session_locked' || code === 'not_signed_in') && onSessionProblem) onSessionProblem(code);
  throw new ApiError(result.error);
}

export async function runQuery<N extends QueryName>(name: N, input: QueryInput<N>): Promise<QueryResult<N>> {
  return unwrap(await bridge().query(name, input));
}

interface CommandOptions {
  /**
   * False: answer as soon as the command is done and refresh what it made stale meanwhile, for a
   * screen that moves on at once and must not wait for its old view to reload (the queue's
   * decisions: the next application is opened while the list refreshes).
   */
  awaitRefresh?: boolean;
}

/**
 * Sends a command; once it is done, the queries it made stale are refreshed before this answers
 * (so the screen of the person who acted shows the change at once). So they are when it was
 * refused because the record had moved on (someone else acted first): the screen was stale.
 */
export async function runCommand<N extends CommandName>(name: N, input: CommandInput<N>, options: CommandOptions = {}): Promise<CommandResult<N>> {
  const result = await bridge().command(name, input);
  if (result.ok || result.error.code === 'invalid_transition' || result.error.code === 'conflict') {
    const refresh = afterCommand?.(name);
    if (options.awaitRefresh ?? true) await refresh;
    else refresh?.catch((err: unknown) => console.error(`Refreshing after ${name} failed`, err));
  }
  return unwrap(result);
}

/** How often a running import is asked how far it is. */
export const IMPORT_POLL_MS = 200;

/**
 * Runs an import that can be followed: `onProgress` hears each rows-done-of-total the back end
 * reports, and `signal` cancels it (the back end rolls all of it back). Answers the command's
 * result, or throws its error (code `cancelled` once cancelled).
 */
export async function runFollowedImport<N extends FollowedImport>(
  name: N,
  input: CommandInput<N>,
  follow: { onProgress: (done: number, total: number | null) => void; signal: AbortSignal },
): Promise<CommandResult<N>> {
  let job: ImportJob<CommandResult<N>> = unwrap(await bridge().importStart(name, input));
  const cancel = () => void bridge().importCancel(job.id);
  follow.signal.addEventListener('abort', cancel, { once: true });
  try {
    while (job.state === 'running') {
      follow.onProgress(job.done, job.total);
      await new Promise((resolve) => setTimeout(resolve, IMPORT_POLL_MS));
      job = unwrap(await bridge().importStatus<N>(job.id));
    }
  } finally {
    follow.signal.removeEventListener('abort', cancel);
  }
  if (job.state === 'done') {
    await afterCommand?.(name);
    return job.result!;
  }
  return unwrap<CommandResult<N>>({ ok: false, error: job.error ?? { code: 'internal', message: 'The import stopped without saying why.' } });
}
