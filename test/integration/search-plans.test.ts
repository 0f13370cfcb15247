import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/main/core/ids.js';
import { APPLICATION_SORT_FIELDS, type ApplicationsListInput } from '../../src/shared/contract/applications.js';
import { gridOracle } from './support/gridOracle.js';
import { makeDesk, type TestDesk } from './support/tempDesk.js';

/**
 * `applications.list` with a search term plans its count and page by how many rows the search
 * index matches and which filters lead (one pass over few matches, the index's own count with no
 * filter, the matches that pass sought in the state index, a page sorted from a few thousand
 * matches, a walk along a sort index beyond). Whatever the plan, the answer must be the plain
 * SQL's: the same total and the same rows in the same order. 16,000 applications, so that every
 * plan is taken: "otieno" matches ~15,200 of them, "akinyi" ~4,800, "akinyi otieno" ~4,560.
 */
const APPLICATIONS = 16_000;
const STATES = ['submitted', 'approved', 'rejected', 'returned', 'paid', 'licensed'] as const;
const COUNTIES = ['Nairobi', 'Kisumu', 'Mombasa', 'Nakuru'];

let t: TestDesk;
let centres: (string | null)[];

beforeAll(async () => {
  t = await makeDesk();
  const { sqlite } = t.desk;
  centres = [t.centres.nairobi, t.centres.mombasa, null];
  // A fixed pseudo-random sequence: the same rows on every run.
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const practitioner = sqlite.prepare(
    `INSERT INTO practitioners (id, national_id, registration_no, first_name, middle_name, last_name, phone, phone_raw, email,
       cadre, qualification, county, employer, register_status, language, updated_at)
     VALUES (?, ?, ?, ?, '', ?, ?, '', '', ?, 'Diploma', ?, 'Hospital', 'active', 'en', ?)`,
  );
  const application = sqlite.prepare(
    `INSERT INTO applications (id, application_ref, practitioner_id, licence_year, submitted_at, cpd_points, declaration_accepted,
       disclosures, centre_id, centre_text, state, revision, flags, flag_count, sort_name, cadre, county, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 1, '', ?, '', ?, 1, '', ?, ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < APPLICATIONS; i++) {
      const first = rand() < 0.3 ? 'Akinyi' : pick(['Wanjiru', 'Achieng', 'Chebet', 'Njeri']);
      const last = rand() < 0.95 ? 'Otieno' : pick(['Kamau', 'Mwangi', 'Ochieng']);
      const cadre = rand() < 0.3 ? 'technician' : 'technologist';
      const county = pick(COUNTIES);
      const pid = newId();
      const now = t.desk.clock().toISOString();
      practitioner.run(pid, String(30_000_000 + i), `MLT/${i}`, first, last, `2547${String(10_000_000 + i)}`, cadre, county, now);
      // Submission times with ties (a few rows share each second), so that the id breaks them.
      const submitted = new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 5000) * 1000 * 3600).toISOString();
      const state = rand() < 0.7 ? 'submitted' : pick(STATES);
      application.run(
        newId(),
        `APP-${2020 + (i % 7)}-${String(i).padStart(6, '0')}`,
        pid,
        2020 + Math.floor(rand() * 7),
        submitted,
        Math.floor(rand() * 60),
        pick(centres),
        state,
        rand() < 0.1 ? 1 + Math.floor(rand() * 2) : 0,
        `${last} ${first}`.toLowerCase(),
        cadre,
        county,
        now,
      );
    }
  })();
});
afterAll(async () => {
  await t.desk.close();
});

describe("applications.list with a search: every plan gives the plain SQL's answer", () => {
  const terms = ['otieno', 'akinyi', 'akinyi otieno', 'oti', 'mwangi'];
  const filters: Partial<ApplicationsListInput>[] = [
    {},
    { state: 'submitted' },
    { state: 'licensed' },
    { state: 'rejected' },
    { licenceYear: 2024 },
    { state: 'submitted', licenceYear: 2025 },
    { county: 'Kisumu' },
    { cadre: 'technician' },
    { flagged: true },
    { state: 'submitted', cadre: 'technician' },
    { state: 'submitted', flagged: false },
  ];

  for (const search of terms) {
    it(`finds the same rows as the plain SQL for "${search}" under each filter, sort and page`, async () => {
      let k = search.length;
      for (const filter of [...filters, { centreId: 'nairobi' }]) {
        const f = filter.centreId === 'nairobi' ? { centreId: t.centres.nairobi } : filter;
        for (let s = 0; s < 3; s++) {
          const sort = APPLICATION_SORT_FIELDS[k++ % APPLICATION_SORT_FIELDS.length]!;
          const dir = k % 2 === 0 ? 'asc' : 'desc';
          const expected = gridOracle(t.desk.sqlite, { search, ...f, sort, dir, page: 0, pageSize: 100 });
          const lastPage = Math.max(0, Math.ceil(expected.length / 100) - 1);
          for (const page of new Set([0, 1, Math.floor(lastPage / 2), lastPage, lastPage + 1])) {
            const input = { search, ...f, sort, dir, page, pageSize: 100 };
            const r = await t.desk.query('applications.list', input, t.actors.officer);
            if (!r.ok) throw new Error(r.error.message);
            expect({ input, total: r.value.total }).toEqual({ input, total: expected.length });
            expect({ input, ids: r.value.rows.map((row) => row.id) }).toEqual({ input, ids: expected.slice(page * 100, page * 100 + 100) });
          }
        }
      }
    }, 120_000);
  }

  it('counts a search with no filter from the search index, and it is the number of matching applications', async () => {
    for (const search of terms) {
      const r = await t.desk.query('applications.list', { search, page: 0, pageSize: 25 }, t.actors.officer);
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.total).toBe(gridOracle(t.desk.sqlite, { search, sort: 'submittedAt', dir: 'desc', page: 0, pageSize: 25 }).length);
    }
  });
});

describe('the search index keeps one row per application', () => {
  it('forgets a deleted application (as sync deletes one), so the total from the search index stays right, even when its rowid is given again', async () => {
    const { sqlite } = t.desk;
    const before = gridOracle(t.desk.sqlite, { search: 'otieno', sort: 'submittedAt', dir: 'desc', page: 0, pageSize: 100 }).length;
    // The last application by rowid: the next insert gets its rowid again.
    const last = sqlite
      .prepare(
        "SELECT a.rowid AS rid, a.id, a.practitioner_id FROM applications a JOIN practitioners p ON p.id = a.practitioner_id WHERE p.last_name = 'Otieno' ORDER BY a.rowid DESC LIMIT 1",
      )
      .get() as { rid: number; id: string; practitioner_id: string };
    expect(sqlite.prepare('SELECT max(rowid) FROM applications').pluck().get()).toBe(last.rid);
    const others = sqlite
      .prepare("SELECT a.id FROM applications a JOIN practitioners p ON p.id = a.practitioner_id WHERE p.last_name = 'Otieno' AND a.rowid < ? LIMIT 20")
      .pluck()
      .all(last.rid) as string[];
    sqlite.prepare('DELETE FROM applications WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify([last.id, ...others]));
    // A new application, of someone else, takes the freed rowid.
    const pid = newId();
    const now = t.desk.clock().toISOString();
    sqlite
      .prepare(
        `INSERT INTO practitioners (id, national_id, registration_no, first_name, middle_name, last_name, phone, phone_raw, email,
       cadre, qualification, county, employer, register_status, language, updated_at)
       VALUES (?, '39999999', 'MLT/X', 'Zawadi', '', 'Kamau', NULL, '', '', 'technologist', 'Diploma', 'Nairobi', 'Hospital', 'active', 'en', ?)`,
      )
      .run(pid, now);
    sqlite
      .prepare(
        `INSERT INTO applications (id, application_ref, practitioner_id, licence_year, submitted_at, cpd_points, declaration_accepted,
       disclosures, centre_id, centre_text, state, revision, flags, flag_count, sort_name, cadre, county, updated_at)
       VALUES (?, 'APP-2026-999999', ?, 2026, ?, 10, 1, '', NULL, '', 'submitted', 1, '', 0, 'kamau zawadi', 'technologist', 'Nairobi', ?)`,
      )
      .run(newId(), pid, now, now);
    expect(sqlite.prepare("SELECT rowid FROM applications WHERE application_ref = 'APP-2026-999999'").pluck().get()).toBe(last.rid);

    const r = await t.desk.query('applications.list', { search: 'otieno', sort: 'submittedAt', dir: 'desc', page: 0, pageSize: 100 }, t.actors.officer);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.total).toBe(before - 21);
    expect(r.value.total).toBe(gridOracle(t.desk.sqlite, { search: 'otieno', sort: 'submittedAt', dir: 'desc', page: 0, pageSize: 100 }).length);
    expect(r.value.rows.map((row) => row.id)).toEqual(
      gridOracle(t.desk.sqlite, { search: 'otieno', sort: 'submittedAt', dir: 'desc', page: 0, pageSize: 100 }).slice(0, 100),
    );
    const zawadi = await t.desk.query('applications.list', { search: 'zawadi kamau', page: 0, pageSize: 100 }, t.actors.officer);
    expect(zawadi.ok && zawadi.value.rows.map((row) => row.applicationRef)).toEqual(['APP-2026-999999']);
  });
});
