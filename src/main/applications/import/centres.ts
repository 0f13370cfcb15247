import type { ReadableDB } from '../../db/handles.js';

export interface CentreRef {
  id: string;
  code: string;
  name: string;
}

/**
 * Finds a centre by code or name, any case; the name may leave out its `RBTC ` prefix
 * (`Nairobi` for `RBTC Nairobi`). Inactive centres are found too (the review flag shows them);
 * when two centres share a name, the active one wins (loadCentres lists active ones last).
 */
export function centreMatcher(centres: readonly CentreRef[]): (text: string) => string | null {
  const byKey = new Map<string, string>();
  const key = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  // Names first, then codes, so that a code wins over a name that happens to equal it.
  for (const c of centres) {
    byKey.set(key(c.name.replace(/^RBTC\s+/i, '')), c.id);
    byKey.set(key(c.name), c.id);
  }
  for (const c of centres) byKey.set(key(c.code), c.id);
  return (text) => byKey.get(key(text)) ?? null;
}

export function loadCentres(db: ReadableDB): CentreRef[] {
  return db.all(db.selectFrom('centres').select(['id', 'code', 'name']).orderBy('active').orderBy('code'));
}
