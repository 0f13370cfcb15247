import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_SORT_FIELDS } from '../../src/shared/contract/applications.js';
import { gridOracle, type GridInput } from './support/gridOracle.js';
import { makeDesk, seedApplication, type TestDesk } from './support/tempDesk.js';

/**
 * The grid's indexes hold `grid_state` (migration 013: the state with paid folded into approved,
 * so that settling rewrites none of them). Its triggers keep it right whoever writes the state, and
 * a state filter over those indexes gives the plain SQL's answer, approved and paid apart.
 */
const STATES = ['submitted', 'approved', 'rejected', 'returned', 'paid', 'licensed'] as const;
let t: TestDesk;

beforeAll(async () => {
  t = await makeDesk();
  const setState = t.desk.sqlite.prepare('UPDATE applications SET state = ? WHERE id = ?');
  for (let i = 0; i < 60; i++) {
    const id = seedApplication(t.desk, {
      lastName: `Kamau${String(i % 7)}`,
      ref: `APP-${2024 + (i % 3)}-${String(1000 + ((i * 37) % 60)).padStart(6, '0')}`,
      licenceYear: 2024 + (i % 3),
      cpdPoints: (i * 13) % 50,
      centreId: i % 4 === 0 ? t.centres.mombasa : i % 5 === 0 ? null : t.centres.nairobi,
    });
    setState.run(STATES[i % STATES.length], id);
  }
});
afterAll(async () => {
  await t.desk.close();
});

const gridStateOf = (id: string) => t.desk.sqlite.prepare('SELECT grid_state FROM applications WHERE id = ?').pluck().get(id);

describe('grid_state', () => {
  it('follows the state, with paid folded into approved, whoever writes it', () => {
    const id = seedApplication(t.desk, { ref: 'APP-2026-009001' });
    expect(gridStateOf(id)).toBe('submitted');
    const set = (state: string) => t.desk.sqlite.prepare('UPDATE applications SET state = ? WHERE id = ?').run(state, id);
    set('approved');
    expect(gridStateOf(id)).toBe('approved');
    set('paid');
    expect(gridStateOf(id)).toBe('approved');
    set('licensed');
    expect(gridStateOf(id)).toBe('licensed');
    // A row written with a wrong value (by hand) is put right.
    t.desk.sqlite.prepare("UPDATE applications SET grid_state = 'rejected' WHERE id = ?").run(id);
    expect(gridStateOf(id)).toBe('licensed');
    const wrong = t.desk.sqlite.prepare("SELECT count(*) FROM applications WHERE grid_state IS NOT (CASE state WHEN 'paid' THEN 'approved' ELSE state END)");
    expect(wrong.pluck().get()).toBe(0);
  });
});

describe('applications.list filtered by state, over the indexes that hold grid_state', () => {
  it("gives the plain SQL's rows for every state (approved and paid apart), under each sort and the filters that lead a seek", async () => {
    const others: Partial<GridInput>[] = [{}, { licenceYear: 2025 }, { centreId: t.centres.nairobi }, { county: 'Nairobi' }];
    let k = 0;
    for (const state of STATES) {
      for (const other of others) {
        for (const sort of APPLICATION_SORT_FIELDS) {
          const dir = k++ % 2 === 0 ? 'asc' : 'desc';
          const base = { state, ...other, sort, dir } as GridInput;
          const expected = gridOracle(t.desk.sqlite, base);
          for (const page of [0, 1]) {
            const r = await t.desk.query('applications.list', { ...base, page, pageSize: 5 }, t.actors.officer);
            if (!r.ok) throw new Error(r.error.message);
            expect({ base, page, total: r.value.total }).toEqual({ base, page, total: expected.length });
            expect({ base, page, ids: r.value.rows.map((row) => row.id) }).toEqual({ base, page, ids: expected.slice(page * 5, page * 5 + 5) });
          }
        }
      }
    }
  });
});
