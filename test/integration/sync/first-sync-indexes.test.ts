/**
 * A first sync sets a table's indexes (and the search index's triggers) aside while its rows come
 * in, and makes each again once its cursor has passed that table's last change (bulkLoad.ts
 * `restorePassed`), between pages, not all at the end. Rows that come after their table's indexes
 * are made are written into them as on any desk: the desk ends equal to the service, its indexes
 * sound, its search finding what the service changed during the pull.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../../src/main/desk.js';
import { syncRound } from '../../../src/main/sync/round.js';
import { seedApplication } from '../support/tempDesk.js';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/db/migrate.js';
import { actorOn, joinedDeskAt, postSync, snapshot, startTestServer, type TestServer } from './support.js';

let s: TestServer;
let appIds: string[] = [];
const desks: Desk[] = [];
const savedPageRows = process.env.KMLTTB_SYNC_PAGE_ROWS;

beforeAll(async () => {
  s = await startTestServer(async (t) => {
    t.desk.sqlite.transaction(() => {
      appIds = Array.from({ length: 120 }, (_, i) => seedApplication(t.desk, { ref: `ECZ-FIRST-${i}`, nationalId: `2710${String(i).padStart(4, '0')}` }));
    })();
    for (const id of appIds.slice(0, 10)) expect((await t.desk.dispatch('application.approve', { applicationId: id }, t.actors.officer)).ok).toBe(true);
  });
  // Changes logged after every application, practitioner and invoice: the pages a first sync pulls
  // after the search index is made again.
  const centre = s.server.desk.sqlite.prepare("INSERT INTO centres (id, code, name, town, updated_at) VALUES (?, ?, ?, 'Nakuru', '2026-03-01T09:00:00.000Z')");
  s.server.desk.sqlite.transaction(() => {
    for (let i = 0; i < 300; i++) centre.run(`late-centre-${i}`, `L${i}`, `Late centre ${i}`);
  })();
});
afterEach(() => {
  if (savedPageRows === undefined) delete process.env.KMLTTB_SYNC_PAGE_ROWS;
  else process.env.KMLTTB_SYNC_PAGE_ROWS = savedPageRows;
});
afterAll(async () => {
  for (const d of desks) await d.close();
  await s.server.close();
});

const names = (d: Desk, type: 'index' | 'trigger') =>
  new Set(d.sqlite.prepare('SELECT name FROM sqlite_master WHERE type = ? AND sql IS NOT NULL').pluck().all(type) as string[]);
const schemaOf = (d: Desk) =>
  d.sqlite.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name").all();

describe("a desk's first sync", () => {
  it("makes each table's indexes again once the pull has passed that table, and writes later rows into them and into the search index", async () => {
    process.env.KMLTTB_SYNC_PAGE_ROWS = '10';
    const d = await joinedDeskAt(s.server.url, 'admin', { pull: false });
    desks.push(d);
    const late = appIds[50]!;
    const pages: { cursor: number; latest: number; practitionerIndex: boolean; applicationIndex: boolean; searchTriggers: boolean }[] = [];
    let approvedDuringPull: Promise<unknown> | undefined;

    await syncRound(d, ({ cursor, latest }) => {
      const indexes = names(d, 'index');
      const searchTriggers = names(d, 'trigger').has('invoices_search_insert');
      pages.push({
        cursor,
        latest,
        practitionerIndex: indexes.has('practitioners_last_name'),
        applicationIndex: indexes.has('applications_grid_ref'),
        searchTriggers,
      });
      // Once the search index is made again, the service approves one more application: its
      // invoice and its new state come to the desk in the pages still to come.
      if (searchTriggers && !approvedDuringPull) approvedDuringPull = s.server.desk.dispatch('application.approve', { applicationId: late }, s.actors.officer);
    });

    expect(pages.length).toBeGreaterThan(10);
    expect(pages[0]).toMatchObject({ practitionerIndex: false, applicationIndex: false, searchTriggers: false });
    const firstWith = (key: 'practitionerIndex' | 'applicationIndex' | 'searchTriggers') => pages.findIndex((p) => p[key]);
    // Made between pages, well before the last one.
    for (const key of ['practitionerIndex', 'applicationIndex', 'searchTriggers'] as const) {
      expect(firstWith(key), `${key}: ${JSON.stringify(pages)}`).toBeGreaterThan(0);
      expect(firstWith(key), key).toBeLessThan(pages.length - 2);
    }
    expect(firstWith('practitionerIndex')).toBeLessThan(firstWith('applicationIndex'));
    expect(await approvedDuringPull).toMatchObject({ ok: true });

    // Everything set aside is back, as on the service; the indexes agree with their tables.
    expect(d.sqlite.prepare('SELECT count(*) FROM sync_deferred').pluck().get()).toBe(0);
    expect(schemaOf(d)).toEqual(schemaOf(s.server.desk));
    expect(d.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(snapshot(d)).toEqual(snapshot(s.server.desk));

    // The application approved during the pull: found by its bill reference (search) and in the approved grid.
    const officer = actorOn(d, 'officer');
    const billRef = s.server.desk.sqlite.prepare('SELECT bill_ref FROM invoices WHERE application_id = ?').pluck().get(late) as string;
    const found = await d.query('applications.list', { search: billRef }, officer);
    if (!found.ok) throw new Error(found.error.message);
    expect(found.value.rows.map((r) => r.id)).toEqual([late]);
    const approved = await d.query('applications.list', { state: 'approved', pageSize: 100 }, officer);
    if (!approved.ok) throw new Error(approved.error.message);
    expect(approved.value.total).toBe(11);
    expect(approved.value.rows.map((r) => r.id)).toContain(late);
  });

  it('is pulled as ranges of the change log asked ahead: the service answers the changes after the cursor up to `until`, and where it read from', async () => {
    const d = await joinedDeskAt(s.server.url, 'admin', { pull: false });
    desks.push(d);
    const token = d.secrets.get('sync.token')!;
    const pull = async (body: Record<string, unknown>) => {
      const r = await postSync(`${s.server.url}/v1/sync/pull`, { schemaVersion: LATEST_SCHEMA_VERSION, ...body }, token);
      expect(r.status).toBe(200);
      return r.body as unknown as { from: number; cursor: number; more: boolean; count: number; latest: number };
    };

    const range = await pull({ cursor: 10, until: 30, limit: 100 });
    expect(range).toMatchObject({ from: 10, cursor: 30, more: true, count: 20 });
    // A range past the newest change ends at it: a change made later has a higher number.
    const start = range.latest - 5;
    const end = await pull({ cursor: start, until: range.latest + 100, limit: 100 });
    expect(end).toMatchObject({ from: start, cursor: end.latest, more: false });
    expect(end.count).toBe(s.server.desk.sqlite.prepare('SELECT count(*) FROM row_changes WHERE seq > ?').pluck().get(start));
    // A range longer than the limit ends where the limit does.
    expect(await pull({ cursor: 10, until: 30, limit: 5 })).toMatchObject({ from: 10, cursor: 15, more: true, count: 5 });
    // Without `until`, a page of `limit` changes, as before.
    expect(await pull({ cursor: 10, limit: 7 })).toMatchObject({ from: 10, cursor: 17, more: true, count: 7 });
  });
});
