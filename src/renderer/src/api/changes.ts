/**
 * The one place where screens learn what changed: the entities a change touched (this screen's
 * own command, or an event from the desk: another person's commit, a sync pull, the SMS worker)
 * become the queries that read them (the contract's `reads`), which are refreshed.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Entity } from '../../../shared/contract/entities.js';
import { entitiesChangedBy, queriesReading } from '../../../shared/contract/facts.js';
import { bridge, setAfterCommandHandler } from './client.js';
import { queryKey } from './hooks.js';

/** How long events gather before the queries they name are refreshed. */
const EVENT_BURST_MS = 150;

export async function refreshEntities(client: QueryClient, entities: Iterable<Entity>): Promise<void> {
  await Promise.all(queriesReading(entities).map((q) => client.invalidateQueries({ queryKey: queryKey(q) })));
}

/** Used once, at the root: refreshes after this screen's commands, and (while `listening`: signed in, not locked) on the desk's events. */
export function useLiveRefresh(listening: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    setAfterCommandHandler((name) => refreshEntities(client, entitiesChangedBy(name)));
    return () => setAfterCommandHandler(null);
  }, [client]);
  useEffect(() => {
    if (!listening) return undefined;
    // Events come in bursts (the SMS worker sending a queue, a sync pull's pages): one refresh per burst.
    const pending = new Set<Entity>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = bridge().subscribe((entities) => {
      for (const e of entities) pending.add(e);
      timer ??= setTimeout(() => {
        timer = undefined;
        const due = [...pending];
        pending.clear();
        void refreshEntities(client, due);
      }, EVENT_BURST_MS);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [client, listening]);
}
