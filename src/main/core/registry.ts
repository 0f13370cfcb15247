import type { CommandName, CommandParsed, CommandResult, QueryName, QueryParsed, QueryResult } from '../../shared/contract/index.js';
import type { ReadableDB, WritableDB } from '../db/handles.js';
import type { Actor } from './actor.js';
import type { AuditRecord } from './audit.js';
import type { DeskServices, ReadingDesk } from './deskServices.js';

/** What a command's `apply` may use. Everything it does lands in the same transaction. */
export interface CommandContext {
  actor: Actor;
  opId: string;
  /** The time of the command, UTC ISO-8601. */
  now: string;
  desk: DeskServices;
  /** The database, inside the command's transaction. */
  db: WritableDB;
  /** Describes the change for the audit trail (one event per command). */
  audit(record: AuditRecord): void;
  /** Work to run after the commit (e.g. wake the SMS worker). Never inside the transaction. */
  afterCommit(effect: () => void): void;
  /** A dry run: whatever the command wrote is rolled back, and no audit event or op is recorded. */
  changedNothing(): void;
  /** What the central service is sent instead of the input as given (a password's verifier, not the password). */
  syncInput(input: unknown): void;
  /**
   * This op stays on this desk (a desk's own secret): it is never put in the outbox. Throws when
   * the op came from another desk (the central service applying a push): it is not taken from there.
   */
  deskLocal(): void;
  /**
   * How far long work (an import) has gone: tells the caller that asked to follow it, lets other
   * work run meanwhile, and throws a `cancelled` user error once the caller cancelled, so that
   * everything the command wrote is rolled back. Costs nothing when nobody follows.
   */
  progress(done: number, total: number): Promise<void>;
}

export interface QueryContext {
  actor: Actor;
  /** The desk without its ways to write: a query reads through `db` only. */
  desk: ReadingDesk;
  /** Reads only (see db/handles.ts). */
  db: ReadableDB;
}

export interface CommandHandler<N extends CommandName, P = unknown> {
  /**
   * Optional slow, read-only work before the transaction opens (e.g. parsing a file), so the
   * database is not held while it runs. Its result is handed to `apply`.
   */
  prepare?(input: CommandParsed<N>, desk: DeskServices): Promise<P>;
  apply(ctx: CommandContext, input: CommandParsed<N>, prepared: P): Promise<CommandResult<N>>;
  /**
   * Optional work after the commit whose outcome is the command's answer (a test SMS, answered
   * with the gateway's reply). It runs outside the transaction, once, where the op was made:
   * never for a duplicate, nor for an op applied from another desk.
   */
  complete?(value: CommandResult<N>, desk: DeskServices): Promise<CommandResult<N>>;
}
export interface QueryHandler<N extends QueryName> {
  run(ctx: QueryContext, input: QueryParsed<N>): Promise<QueryResult<N>>;
}

export type CommandHandlers = { [N in CommandName]: CommandHandler<N> };
export type QueryHandlers = { [N in QueryName]: QueryHandler<N> };

export function defineCommand<N extends CommandName, P = undefined>(
  _name: N,
  apply: CommandHandler<N, P>['apply'],
  options: { prepare?: CommandHandler<N, P>['prepare']; complete?: CommandHandler<N, P>['complete'] } = {},
): CommandHandler<N> {
  return { apply, ...options } as CommandHandler<N>;
}
export function defineQuery<N extends QueryName>(_name: N, run: QueryHandler<N>['run']): QueryHandler<N> {
  return { run };
}
