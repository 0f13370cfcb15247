import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import kenya from '../../resources/reference/kenya.json' with { type: 'json' };
import { newId } from './core/ids.js';
import { writableDb } from './db/handles.js';
import { seedSmsTemplates } from './sms/queue.js';

/** Seeded rows get the same id on every desk, so that desks agree on them without syncing. */
export function stableId(kind: string, key: string): string {
  const h = createHash('sha256').update(`${kind}:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Reference data every desk needs: the six regional RBTC centres, SMS templates, this desk's id. */
export function seedReferenceData(sqlite: BetterSqlite3.Database): void {
  const db = writableDb(sqlite);
  const at = new Date().toISOString();
  db.transaction(() => {
    db.run(
      db
        .insertInto('centres')
        .orIgnore()
        .values(
          kenya.rbtc_regional.map((c) => ({
            id: stableId('centre', c.code),
            code: c.code,
            name: c.name,
            town: c.town,
            region: c.region,
            active: 1,
            updated_at: at,
          })),
        ),
    );
    seedSmsTemplates(db, at);
    db.run(db.insertInto('settings').orIgnore().values({ key: 'desk.id', value: newId(), updated_at: at }));
  });
}
