import type { FirstRunState, SessionInfo } from '../shared/contract/session.js';
import { firstRunInput } from '../shared/contract/session.js';
import { peopleMessage } from '../shared/contract/messages.js';
import { UserError } from '../shared/errors.js';
import { login } from './auth/sessions.js';
import { SYSTEM_ACTOR } from './core/actor.js';
import { toErrorBody, zodToUserError } from './core/errors.js';
import type { Desk } from './desk.js';

/** Checks the one-time code of the first run; throws a user error naming the field `code`. */
export interface FirstRunCodeCheck {
  check(given: string | undefined): void;
}

export interface FirstRunOptions {
  /** Browser mode: the code `kmlttb web` printed in its terminal. The desktop app needs none. */
  code?: FirstRunCodeCheck;
  /** Runs the demo with the desk's background work stopped (it must have the connection to itself). */
  paused?: <T>(work: () => Promise<T>) => Promise<T>;
}

export function firstRunState(desk: Desk, options: FirstRunOptions = {}): FirstRunState {
  const { read } = desk;
  const hasAdmin = read.first(read.selectFrom('users').select('id').where('role', '=', 'admin').limit(1)) !== undefined;
  const hasData = read.first(read.selectFrom('applications').select('id').limit(1)) !== undefined;
  // A desk that joined a central service takes its users from there (a centre's desk holds only its clerks): never a first run.
  const needsAdmin = !hasAdmin && !desk.syncEnabled();
  return { needsAdmin, hasData, codeRequired: needsAdmin && options.code !== undefined };
}

/** One first run at a time per desk: a second one waits, then finds the administrator made. */
const running = new WeakMap<Desk, Promise<unknown>>();

/**
 * First run: create the administrator (only while none exists, and in browser mode only with the
 * one-time code), optionally fill demo data, sign in. The administrator is kept when the demo
 * data fails: the answer then says so and that they can sign in.
 */
export function createFirstAdmin(desk: Desk, raw: unknown, options: FirstRunOptions = {}): Promise<SessionInfo> {
  const before = running.get(desk) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(() => firstRun(desk, raw, options));
  running.set(desk, mine);
  return mine;
}

async function firstRun(desk: Desk, raw: unknown, options: FirstRunOptions): Promise<SessionInfo> {
  const parsed = firstRunInput.safeParse(raw, { error: peopleMessage });
  if (!parsed.success) throw zodToUserError(parsed.error);
  const input = parsed.data;
  if (!firstRunState(desk).needsAdmin) throw new UserError('forbidden', 'An administrator exists already: sign in instead.');
  options.code?.check(input.code);
  const created = await desk.dispatch(
    'user.create',
    { username: input.username, fullName: input.fullName, role: 'admin', password: input.password },
    SYSTEM_ACTOR,
  );
  if (!created.ok) throw new UserError(created.error.code, created.error.message, { field: created.error.field });
  if (input.demo) await fillDemo(desk, input.username, options);
  return login(desk, input.username, input.password);
}

async function fillDemo(desk: Desk, username: string, options: FirstRunOptions): Promise<void> {
  const { runDemo } = await import('./demo/index.js');
  const paused = options.paused ?? ((work) => work());
  try {
    await paused(() => runDemo(desk, {}));
  } catch (err) {
    const why = toErrorBody(err, 'first run: demo data', desk.log).message.replace(/([^.!?])$/, '$1.');
    // A conflict with what the person asked for: the account is there, the demo data is not (or not all of it).
    throw new UserError(
      'conflict',
      `Your administrator account '${username}' was created, but the demo data could not be made: ${why} Sign in with your new account.`,
    );
  }
}
