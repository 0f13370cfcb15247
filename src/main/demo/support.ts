import type { CommandName, CommandResult } from '../../shared/contract/index.js';
import { UserError } from '../../shared/errors.js';
import type { Actor } from '../core/actor.js';
import type { DispatchOutcome } from '../core/dispatch.js';
import type { Desk } from '../desk.js';

/** Demo data is made through the same commands staff use: a refusal stops the demo, clearly. */
export async function run<N extends CommandName>(desk: Desk, name: N, input: unknown, actor: Actor): Promise<CommandResult<N>> {
  const outcome: DispatchOutcome<CommandResult<N>> = await desk.dispatch(name, input, actor);
  if (!outcome.ok) {
    throw new UserError(outcome.error.code, `Demo data: ${name} was refused: ${outcome.error.message}`, { issues: outcome.error.issues });
  }
  return outcome.value;
}

/** The user row as an Actor, for decisions made as that user. */
export function actorOf(desk: Desk, username: string): Actor {
  const row = desk.sqlite
    .prepare('SELECT id, username, full_name, role, centre_id FROM users WHERE username = ? AND active = 1')
    .get(username) as { id: string; username: string; full_name: string; role: Actor['role']; centre_id: string | null } | undefined;
  if (!row) throw new UserError('not_found', `Demo data: there is no active user '${username}'.`);
  return { id: row.id, username: row.username, fullName: row.full_name, role: row.role, centreId: row.centre_id };
}

/** Nairobi is UTC+3 all year. */
const NAIROBI_MS = 3 * 3600_000;

/** `2026-10-04T09:15:00+03:00` */
export function isoNairobiAt(ms: number): string {
  return new Date(ms + NAIROBI_MS).toISOString().slice(0, 19) + '+03:00';
}

/** `04/10/2026 09:15`, as a spreadsheet export writes it. */
export function dmyNairobiAt(ms: number): string {
  const iso = new Date(ms + NAIROBI_MS).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}
