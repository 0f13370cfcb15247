/**
 * Pulled rows are written many to a statement (apply.ts): a batch that collides with a local row
 * on a unique value is written again row by row, the local row giving way, and nothing of the
 * page is lost or written twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyRows, withoutCapture } from '../../../src/main/sync/apply.js';
import { makeDesk, type TestDesk } from '../support/tempDesk.js';

const COLUMNS = ['id', 'code', 'name', 'town', 'region', 'active', 'version', 'updated_at'];
const AT = '2026-03-01T09:00:00.000Z';

function centreRow(n: number, code = `P${String(n).padStart(4, '0')}`): unknown[] {
  return [`pulled-centre-${n}`, code, `Pulled centre ${n}`, 'Nakuru', '', 1, 1, AT];
}

describe('pulled rows', () => {
  let made: TestDesk | undefined;
  afterEach(async () => {
    await made?.desk.close();
    made = undefined;
  });

  it('are all written, over several batches, when one collides with a local row on a unique value (the local row gives way)', async () => {
    made = await makeDesk();
    const { desk } = made;
    desk.sqlite
      .prepare('INSERT INTO centres (id, code, name, town, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run('local-centre', 'LOCAL', 'Made on this desk', 'Kisumu', AT);
    const before = desk.sqlite.prepare('SELECT count(*) FROM centres').pluck().get() as number;
    // 450 rows: two full batches and a part of one; row 300 holds the local centre's code.
    const rows = Array.from({ length: 450 }, (_, i) => centreRow(i, i === 300 ? 'LOCAL' : undefined));

    const written = withoutCapture(desk.write, () =>
      applyRows(desk, { tables: { centres: { columns: COLUMNS, rows, deleted: [] } }, count: rows.length }, () => false),
    );

    expect(written).toBe(450);
    const pulled = desk.sqlite.prepare("SELECT id, code FROM centres WHERE id LIKE 'pulled-centre-%'").all() as { id: string; code: string }[];
    expect(pulled).toHaveLength(450);
    expect(pulled.find((c) => c.id === 'pulled-centre-300')?.code).toBe('LOCAL');
    expect(desk.sqlite.prepare("SELECT count(*) FROM centres WHERE id = 'local-centre'").pluck().get()).toBe(0);
    expect(desk.sqlite.prepare('SELECT count(*) FROM centres').pluck().get()).toBe(before - 1 + 450);
  });

  it('that the desk already holds as sent are left as they are, and changed ones take the server values', async () => {
    made = await makeDesk();
    const { desk } = made;
    const rows = Array.from({ length: 250 }, (_, i) => centreRow(i));
    const page = (r: unknown[][]) => ({ tables: { centres: { columns: COLUMNS, rows: r, deleted: [] } }, count: r.length });
    withoutCapture(desk.write, () => applyRows(desk, page(rows), () => false));
    const renamed = rows.map((r, i) => (i % 2 ? [r[0], r[1], `Renamed ${i}`, ...r.slice(3)] : r));

    withoutCapture(desk.write, () => applyRows(desk, page(renamed), () => false));

    const names = desk.sqlite.prepare("SELECT id, name FROM centres WHERE id LIKE 'pulled-centre-%' ORDER BY id").all() as { id: string; name: string }[];
    expect(names).toHaveLength(250);
    for (const { id, name } of names) {
      const i = Number(id.slice('pulled-centre-'.length));
      expect(name).toBe(i % 2 ? `Renamed ${i}` : `Pulled centre ${i}`);
    }
  });
});
