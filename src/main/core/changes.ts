import type { Entity } from '../../shared/contract/entities.js';
import type { DeskServices } from './deskServices.js';

export type ChangeListener = (entities: readonly Entity[]) => void;

/**
 * A desk's change feed: after each commit (dispatch), each sync pull that wrote rows and each
 * state change of the SMS worker, the entities touched are published, and the transports pass
 * them to open screens (IPC event, server-sent events), which refresh the queries that read them.
 * Entity names only, never data. Listeners run synchronously; one that throws is logged and
 * never stops the others, nor the writer that published.
 */
export interface ChangeFeed {
  publish(entities: Iterable<Entity>): void;
  subscribe(listener: ChangeListener): () => void;
}

const feeds = new WeakMap<DeskServices, ChangeFeed>();

export function changeFeed(desk: DeskServices): ChangeFeed {
  let feed = feeds.get(desk);
  if (!feed) feeds.set(desk, (feed = createFeed(desk)));
  return feed;
}

function createFeed(desk: DeskServices): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  return {
    publish(entities) {
      const touched = [...new Set(entities)];
      if (touched.length === 0) return;
      for (const listener of listeners) {
        try {
          listener(touched);
        } catch (err) {
          desk.log.error({ err }, 'changes: a listener failed');
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
