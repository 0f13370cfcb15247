import type { UpdateOffer } from '../../shared/contract/sync.js';
import type { ReadingDesk } from '../core/deskServices.js';
import type { RoundProgress } from './round.js';

/** What the running sync client is doing now, for the status shown in the shell (not stored). */
export interface SyncRuntime {
  syncing: boolean;
  progress: RoundProgress | null;
  /** The update the service offers after refusing this desk as too old; null once a round gets through. */
  update: UpdateOffer | null;
}

const runtimes = new WeakMap<ReadingDesk, SyncRuntime>();

export function syncRuntime(desk: ReadingDesk): SyncRuntime {
  let runtime = runtimes.get(desk);
  if (!runtime) runtimes.set(desk, (runtime = { syncing: false, progress: null, update: null }));
  return runtime;
}
