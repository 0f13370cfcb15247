import { commands, queries, type CommandName, type CommandResult, type QueryName, type QueryResult } from '../../shared/contract/index.js';
import { DESK_LOCAL_COMMANDS, entitiesChangedBy } from '../../shared/contract/facts.js';
import { peopleMessage } from '../../shared/contract/messages.js';
import { UserError, type Result } from '../../shared/errors.js';
import { can } from '../../shared/permissions.js';
import type { Actor } from './actor.js';
import { appendAudit, type AuditRecord } from './audit.js';
import { changeFeed } from './changes.js';
import type { DeskServices } from './deskServices.js';
import { toErrorBody, zodToUserError } from './errors.js';
import { newId, withOpIds } from './ids.js';
import { sql } from 'kysely';
import { statements } from '../db/handles.js';
import type { CommandContext, CommandHandlers, QueryHandlers } from './registry.js';
import { recordInOutbox } from '../sync/outbox.js';

export interface DispatchOptions {
  /** The op's id: a re-sent op with the same id is answered as a duplicate, never applied twice. */
  opId?: string;
  /** When the op was made (replaying a desk's op on the central service); default: now. */
  at?: string;
  /** The desk the op was made on, for the audit trail; default: this one. */
  originDeskId?: string;
  /**
   * Inside a transaction the caller holds (the central service applying a page of a desk's ops):
   * the op runs in a savepoint of it, and its side effects wait in `effects` for the caller's commit.
   */
  within?: { effects: (() => void)[] };
  /** Follows long work (an import): told how far it is, and stops it, rolled back, once `signal` is aborted. */
  follow?: WorkFollower;
}

export interface WorkFollower {
  /** May answer a promise: the work waits for it (a test holding an import while it runs). */
  report(done: number, total: number): void | Promise<void>;
  signal?: AbortSignal;
}

function cancelled(): UserError {
  return new UserError('cancelled', 'Cancelled: nothing was changed.');
}

export type DispatchOutcome<R> = Result<R> & { duplicate?: boolean };

/** A desk as dispatch sees it: the services its commands and queries get, and the handler of every name. */
export interface DispatchDesk extends DeskServices {
  handlers: { commands: CommandHandlers; queries: QueryHandlers };
}

/**
 * The single write path. In one transaction: parse the input, check the permission, apply the
 * command, append its audit event, record the op (and the outbox entry when sync is on).
 * Side effects run after the commit.
 */
export async function dispatch<N extends CommandName>(
  desk: DispatchDesk,
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
    const parsed = spec.input.safeParse(rawInput, { error: peopleMessage });
    if (!parsed.success) throw zodToUserError(parsed.error);
    const outcome = await withOpIds(opId, async () => {
      const prepared = handler.prepare ? await handler.prepare(parsed.data as never, desk) : undefined;
      if (options.follow?.signal?.aborted) throw cancelled();
      const apply = () => applyOnce(desk, name, rawInput, parsed.data, prepared, actor, opId, options, effects);
      return options.within ? inSavepoint(desk, apply) : desk.db.transaction().execute(apply);
    });
    if (outcome.duplicate) return { ok: true, value: outcome.value as CommandResult<N>, duplicate: true };
    // After the commit (the caller's, for an op applied within its transaction): open screens refresh what it changed.
    effects.push(() => changeFeed(desk).publish(entitiesChangedBy(name)));
    if (outcome.syncing) effects.push(() => desk.notifyChanged());
    if (options.within) {
      options.within.effects.push(...effects);
      return { ok: true, value: outcome.value as CommandResult<N> };
    }
    for (const effect of effects) {
      try {
        effect();
      } catch (err) {
        toErrorBody(err, `after-commit effect of ${name}`, desk.log);
      }
    }
    const value = outcome.value as CommandResult<N>;
    const madeHere = options.originDeskId === undefined || options.originDeskId === desk.deskId;
    return { ok: true, value: handler.complete && madeHere ? await handler.complete(value, desk) : value };
  } catch (err) {
    if (err instanceof RolledBack) return { ok: true, value: err.value as CommandResult<N> };
    return { ok: false, error: toErrorBody(err, `command ${name}`, desk.log) };
  }
}

/** Every op looks its id up and records itself: built once (compileOnce). */
const appliedOp = (opId: string) => statements.selectFrom('applied_ops').select('result').where('op_id', '=', opId);
const recordOp = (op_id: string, name: string, actor_id: string | null, at: string, result: string, received_at: string) =>
  statements.insertInto('applied_ops').values({ op_id, name, actor_id, at, result, received_at });

/** Inside the transaction: the op once (a seen op id answers its earlier result), its audit event, its op record and outbox entry. */
async function applyOnce(
  desk: DispatchDesk,
  name: CommandName,
  rawInput: unknown,
  input: unknown,
  prepared: unknown,
  actor: Actor,
  opId: string,
  options: DispatchOptions,
  effects: (() => void)[],
): Promise<{ duplicate: boolean; value: unknown; syncing?: boolean }> {
  const db = desk.write;
  const seen = db.compileOnce(appliedOp).first(opId);
  if (seen) return { duplicate: true, value: seen.result ? JSON.parse(seen.result) : null };
  const now = options.at ?? desk.clock().toISOString();
  let record: AuditRecord | null = null;
  let changedNothing = false;
  let sentInput = rawInput;
  let deskLocal = DESK_LOCAL_COMMANDS.has(name);
  const ctx: CommandContext = {
    actor,
    opId,
    now,
    desk,
    db: desk.write,
    audit: (r) => {
      record = r;
    },
    afterCommit: (effect) => {
      effects.push(effect);
    },
    changedNothing: () => {
      changedNothing = true;
    },
    syncInput: (input) => {
      sentInput = input;
    },
    progress: async (done, total) => {
      const follow = options.follow;
      if (!follow) return;
      await follow.report(done, total);
      // Lets the follower's status requests and a Cancel in, between chunks of the work.
      await new Promise((resolve) => setImmediate(resolve));
      if (follow.signal?.aborted) throw cancelled();
    },
    deskLocal: () => {
      if (options.originDeskId !== undefined && options.originDeskId !== desk.deskId) {
        throw new UserError('forbidden', `This change (${name}) stays on the desk where it is made: the central service does not take it from a desk.`);
      }
      deskLocal = true;
    },
  };
  const value = await desk.handlers.commands[name].apply(ctx, input as never, prepared as never);
  // A dry run may write to see what would happen; all of it is rolled back.
  if (changedNothing) throw new RolledBack(value);
  appendAudit(desk.write, record ?? { action: name, entity: name.split('.')[0]!, summary: name }, {
    actor,
    deskId: options.originDeskId ?? desk.deskId,
    at: now,
    opId,
  });
  db.compileOnce(recordOp).run(opId, name, actor.id, now, JSON.stringify(value ?? null), desk.clock().toISOString());
  // Asked once per op (after the command, which may be the one that joins or leaves sync): the
  // service applies a page of a desk's ops (QUALITY.md: incremental sync ≤ 2 s).
  const syncing = desk.syncEnabled();
  if (syncing && !deskLocal) recordInOutbox(desk, { opId, name, input: sentInput, at: now }, actor);
  return { duplicate: false, value, syncing };
}

/** One op inside the caller's transaction: what it wrote is undone alone when it fails. */
async function inSavepoint<T>(desk: DeskServices, work: () => Promise<T>): Promise<T> {
  desk.write.exec(sql`SAVEPOINT dispatch_op`);
  try {
    const result = await work();
    desk.write.exec(sql`RELEASE dispatch_op`);
    return result;
  } catch (err) {
    desk.write.exec(sql`ROLLBACK TO dispatch_op; RELEASE dispatch_op`);
    throw err;
  }
}

class RolledBack {
  constructor(readonly value: unknown) {}
}

/** Reads: parse, check the permission, run. */
export async function runQuery<N extends QueryName>(desk: DispatchDesk, name: N, rawInput: unknown, actor: Actor): Promise<Result<QueryResult<N>>> {
  const spec = Object.hasOwn(queries, name) ? queries[name] : undefined;
  const handler = spec && desk.handlers.queries[name];
  if (!spec || !handler) return { ok: false, error: { code: 'not_found', message: `There is no query '${String(name)}'.` } };
  try {
    if (!can(actor.role, spec.permission)) {
      throw new UserError('forbidden', `Your role (${actor.role}) may not see this: ${name}.`);
    }
    const parsed = spec.input.safeParse(rawInput ?? {}, { error: peopleMessage });
    if (!parsed.success) throw zodToUserError(parsed.error);
    // Queries share the desk's one connection: each runs between transactions, never inside one still open.
    const value = await desk.db.connection().execute(() => handler.run({ actor, desk, db: desk.read }, parsed.data as never));
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toErrorBody(err, `query ${name}`, desk.log) };
  }
}
