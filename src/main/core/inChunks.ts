/** Rows handled between two progress reports (each one a chance to cancel). */
export const CHUNK_ROWS = 500;

/**
 * Runs `work` over `items` a chunk at a time, telling `progress` (a command's `ctx.progress`) how
 * many are done after each, so long work can be followed and cancelled.
 */
export async function inChunks<T>(
  items: readonly T[],
  progress: (done: number, total: number) => Promise<void>,
  work: (chunk: readonly T[]) => void,
): Promise<void> {
  await progress(0, items.length);
  for (let start = 0; start < items.length; start += CHUNK_ROWS) {
    work(items.slice(start, start + CHUNK_ROWS));
    await progress(Math.min(start + CHUNK_ROWS, items.length), items.length);
  }
}
