import type { CommandName, CommandResult, QueryName, QueryResult } from '../../shared/contract/index.js';
import type { Result } from '../../shared/errors.js';
import type { Actor } from './actor.js';
import type { DispatchDesk, DispatchOptions, DispatchOutcome } from './dispatch.js';

/**
 * One data folder opened: the database, its settings, and the one write path. `openDesk` (src/main/desk.ts,
 * the composition root) makes it; workers and the sync authority take it from here, never from the root.
 */
export interface Desk extends DispatchDesk {
  /** The database file's path. */
  file: string;
  dispatch<N extends CommandName>(name: N, input: unknown, actor: Actor, options?: DispatchOptions): Promise<DispatchOutcome<CommandResult<N>>>;
  query<N extends QueryName>(name: N, input: unknown, actor: Actor): Promise<Result<QueryResult<N>>>;
  /** Called after a commit that queued SMS; the SMS worker subscribes here. */
  onSmsQueued(listener: () => void): () => void;
  /** Called after each commit while the desk syncs; the sync client subscribes here. */
  onChanged(listener: () => void): () => void;
  close(): Promise<void>;
}
