import type { FirstRunState, SessionInfo } from '../shared/contract/session.js';
import { firstRunInput } from '../shared/contract/session.js';
import { UserError } from '../shared/errors.js';
import { login } from './auth/sessions.js';
import { SYSTEM_ACTOR } from './core/actor.js';
import { zodToUserError } from './core/errors.js';
import type { Desk } from './desk.js';

export function firstRunState(desk: Desk): FirstRunState {
  const admins = desk.sqlite.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin'").get() as { n: number };
  const apps = desk.sqlite.prepare('SELECT count(*) AS n FROM applications').get() as { n: number };
  return { needsAdmin: admins.n === 0, hasData: apps.n > 0 };
}

/** First run: create the administrator (only while none exists), optionally fill demo data, sign in. */
export async function createFirstAdmin(desk: Desk, raw: unknown): Promise<SessionInfo> {
  const parsed = firstRunInput.safeParse(raw);
  if (!parsed.success) throw zodToUserError(parsed.error);
  const input = parsed.data;
  if (!firstRunState(desk).needsAdmin) throw new UserError('forbidden', 'An administrator exists already: sign in instead.');
  const created = await desk.dispatch('user.create', { username: input.username, fullName: input.fullName, role: 'admin', password: input.password }, SYSTEM_ACTOR);
  if (!created.ok) throw new UserError(created.error.code, created.error.message, { field: created.error.field });
  if (input.demo) {
    const { runDemo } = await import('./demo/index.js');
    await runDemo(desk, {});
  }
  return login(desk, input.username, input.password);
}
