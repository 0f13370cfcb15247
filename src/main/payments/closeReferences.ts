import { editDistance } from '../../shared/editDistance.js';

/** Typed references further than this from a bill reference are not close to it. */
const MOST_EDITS = 2;
const PREFIX = 4;
const SUFFIX = 3;

/**
 * An index of bill references, answering those within two edits of a typed reference with
 * their distance. Two edits leave at least one of three parts whole: the first four characters,
 * the last three, or (when the lengths are equal) those between; so only references sharing one
 * of those parts are measured.
 */
export function closeReferences(billRefs: readonly string[]): (typed: string) => Map<string, number> {
  const index = new Map<string, string[]>();
  const put = (key: string, ref: string) => {
    const list = index.get(key);
    if (list) list.push(ref);
    else index.set(key, [ref]);
  };
  const keys = (ref: string) => [`<${ref.slice(0, PREFIX)}`, `>${ref.slice(-SUFFIX)}`, `=${ref.length}:${ref.slice(PREFIX, -SUFFIX)}`];
  for (const ref of billRefs) if (ref.length > PREFIX + SUFFIX) for (const key of keys(ref)) put(key, ref);
  return (typed) => {
    const close = new Map<string, number>();
    if (typed.length <= PREFIX + SUFFIX) return close;
    for (const key of keys(typed)) {
      for (const ref of index.get(key) ?? []) {
        if (close.has(ref)) continue;
        const distance = editDistance(typed, ref, MOST_EDITS);
        if (distance <= MOST_EDITS) close.set(ref, distance);
      }
    }
    return close;
  };
}
