import type { CommandName, CommandResult } from '../../shared/contract/index.js';
import { UserError } from '../../shared/errors.js';
import type { Actor } from '../core/actor.js';
import type { DispatchOutcome } from '../core/dispatch.js';
import { sql } from '../db/handles.js';
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
  const row = desk.read.first(
    desk.read.selectFrom('users').select(['id', 'username', 'full_name', 'role', 'centre_id']).where('username', '=', username).where('active', '=', 1),
  );
  if (!row) throw new UserError('not_found', `Demo data: there is no active user '${username}'.`);
  return { id: row.id, username: row.username, fullName: row.full_name, role: row.role, centreId: row.centre_id };
}

/** The demo's own applications (their references start with `refPrefix`): a condition on `application_ref`. */
export function demoApplication(refPrefix: string) {
  return sql<boolean>`substr(application_ref, 1, length(${refPrefix})) = ${refPrefix}`;
}

/** `values` as one bound JSON parameter, for `IN`: a list of any length (no limit on bound parameters). */
export function anyOf(values: readonly string[]) {
  return sql<string>`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
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
