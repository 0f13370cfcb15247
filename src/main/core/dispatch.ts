import { commands, queries, type CommandName, type CommandResult, type QueryName, type QueryResult } from '../../shared/contract/index.js';
import { UserError, type Result } from '../../shared/errors.js';
import { can } from '../../shared/permissions.js';
import type { Actor } from './actor.js';
import { appendAudit, type AuditRecord } from './audit.js';
import type { DeskServices } from './desk.js';
import { toErrorBody, zodToUserError } from './errors.js';
import { newId } from './ids.js';
import type { CommandContext } from './registry.js';

export interface DispatchOptions {
  /** The op's id: a re-sent op with the same id is answered as a duplicate, never applied twice. */
  opId?: string;
}

export type DispatchOutcome<R> = Result<R> & { duplicate?: boolean };

/**
 * The single write path. In one transaction: parse the input, check the permission, apply the
 * command, append its audit event, record the op (and the outbox entry when sync is on).
 * Side effects run after the commit.
 */
export async function dispatch<N extends CommandName>(
  desk: DeskServices,
  name: N,
  rawInput: unknown,
  actor: Actor,
  options: DispatchOptions = {},
): Promise<DispatchOutcome<CommandResult<N>>> {
  const spec = Object.hasOwn(commands, name) ? commands[name] : undefined;
  const handler = spec && desk.handlers.commands[name];
  if (!spec || !handler) return { ok: false, error: { code: 'not_found', message: `There is no command '${String(name)}'.` } };
  const opId = options.opId ?? newId();
  const effects: (() => void)[] = [];
  try {
    if (!can(actor.role, spec.permission)) {
      throw new UserError('forbidden', `Your role (${actor.role}) may not do this: ${name}.`);
    }
    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) throw zodToUserError(parsed.error);
    const prepared = handler.prepare ? await handler.prepare(parsed.data as never, desk) : undefined;
    const outcome = await desk.db.transaction().execute(async (tx) => {
      const seen = desk.sqlite.prepare('SELECT result FROM applied_ops WHERE op_id = ?').get(opId) as
        | { result: string | null }
        | undefined;
      if (seen) return { duplicate: true as const, value: seen.result ? JSON.parse(seen.result) : null };
      const now = desk.clock().toISOString();
      let record: AuditRecord | null = null;
      let changedNothing = false;
      const ctx: CommandContext = {
        actor, opId, now, desk, sqlite: desk.sqlite,
        audit: (r) => { record = r; },
        afterCommit: (effect) => { effects.push(effect); },
        changedNothing: () => { changedNothing = true; },
      };
      const value = await handler.apply(tx, ctx, parsed.data as never, prepared);
      // A dry run may write to see what would happen; all of it is rolled back.
      if (changedNothing) throw new RolledBack(value);
      appendAudit(
        desk.sqlite,
        record ?? { action: name, entity: name.split('.')[0]!, summary: name },
        { actor, deskId: desk.deskId, at: now, opId },
      );
      desk.sqlite
        .prepare('INSERT INTO applied_ops (op_id, name, actor_id, at, result) VALUES (?, ?, ?, ?, ?)')
        .run(opId, name, actor.id, now, JSON.stringify(value ?? null));
      if (desk.syncEnabled()) {
        desk.sqlite
          .prepare('INSERT INTO outbox (op_id, name, input, actor_id, at) VALUES (?, ?, ?, ?, ?)')
          .run(opId, name, JSON.stringify(rawInput), actor.id, now);
      }
      return { duplicate: false as const, value };
    });
    if (outcome.duplicate) return { ok: true, value: outcome.value as CommandResult<N>, duplicate: true };
    for (const effect of effects) {
      try { effect(); } catch (err) { toErrorBody(err, `after-commit effect of ${name}`); }
    }
    return { ok: true, value: outcome.value as CommandResult<N> };
  } catch (err) {
    if (err instanceof RolledBack) return { ok: true, value: err.value as CommandResult<N> };
    return { ok: false, error: toErrorBody(err, `command ${name}`) };
  }
}

class RolledBack {
  constructor(readonly value: unknown) {}
}

/** Reads: parse, check the permission, run. */
export async function runQuery<N extends QueryName>(
  desk: DeskServices,
  name: N,
  rawInput: unknown,
  actor: Actor,
): Promise<Result<QueryResult<N>>> {
  const spec = Object.hasOwn(queries, name) ? queries[name] : undefined;
  const handler = spec && desk.handlers.queries[name];
  if (!spec || !handler) return { ok: false, error: { code: 'not_found', message: `There is no query '${String(name)}'.` } };
  try {
    if (!can(actor.role, spec.permission)) {
      throw new UserError('forbidden', `Your role (${actor.role}) may not see this: ${name}.`);
    }
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw zodToUserError(parsed.error);
    const value = await handler.run(desk.db, { actor, desk, sqlite: desk.sqlite }, parsed.data as never);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toErrorBody(err, `query ${name}`) };
  }
}
