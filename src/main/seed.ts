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
  const at = new Date().toISOString();
  sqlite.transaction(() => {
    const insertCentre = sqlite.prepare(
      'INSERT OR IGNORE INTO centres (id, code, name, town, region, active, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?)',
    );
    for (const c of kenya.rbtc_regional) insertCentre.run(stableId('centre', c.code), c.code, c.name, c.town, c.region, at);
    seedSmsTemplates(writableDb(sqlite), at);
    sqlite.prepare("INSERT OR IGNORE INTO settings (key, value, updated_at) VALUES ('desk.id', ?, ?)").run(newId(), at);
  })();
}
