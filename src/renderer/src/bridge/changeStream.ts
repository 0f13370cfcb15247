/**
 * Browser mode's `subscribe`: reads the desk's server-sent events (`GET /api/events`) with the
 * session's bearer token, through fetch (EventSource cannot send the token). When the stream
 * ends or cannot be opened (the service restarted, the session locked), it tries again with a
 * growing wait; once it is back, every entity is named once, since changes may have been missed.
 */
import { HTTP_ROUTES } from '../../../shared/bridge.js';
import { ENTITIES, entitiesIn, type Entity } from '../../../shared/contract/entities.js';

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

export function subscribeToChanges(readToken: () => string | null, listener: (entities: Entity[]) => void): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  let wake: (() => void) | null = null;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  void (async () => {
    let opened = false;
    let waitMs = FIRST_RETRY_MS;
    while (!stopped) {
      controller = new AbortController();
      const token = readToken();
      try {
        const response = await fetch(HTTP_ROUTES.events, {
          headers: { Accept: 'text/event-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          cache: 'no-store',
          signal: controller.signal,
        });
        if (response.ok && response.body) {
          if (opened) listener([...ENTITIES]);
          opened = true;
          waitMs = FIRST_RETRY_MS;
          await readEvents(response.body, listener);
        } else {
          await response.body?.cancel();
        }
      } catch {
        // Stopped, or the service cannot be reached: tried again below.
      }
      if (stopped) break;
      await pause(waitMs);
      waitMs = Math.min(waitMs * 2, MAX_RETRY_MS);
    }
  })();

  return () => {
    stopped = true;
    controller?.abort();
    wake?.();
  };
}

/** Calls `listener` for each `changed` event of the stream until it ends. */
async function readEvents(body: ReadableStream<Uint8Array>, listener: (entities: Entity[]) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
      const entities = changedIn(buffer.slice(0, cut));
      buffer = buffer.slice(cut + 2);
      if (entities.length > 0) listener(entities);
    }
  }
}

/** The entities of one event block, when it is a `changed` event. */
function changedIn(block: string): Entity[] {
  const lines = block.split('\n');
  if (!lines.includes('event: changed')) return [];
  const data = lines
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(5).trim())
    .join('\n');
  try {
    return entitiesIn(JSON.parse(data));
  } catch {
    return [];
  }
}
