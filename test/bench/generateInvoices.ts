/**
 * A bench step after `buildNationalData`: brings the invoices up to the count QUALITY.md's
 * reconciliation budget names (200,000 at full scale).
 *
 * An invoice belongs to exactly one application (`invoices.application_id` is UNIQUE), and the
 * national data set has 200,000 applications of which about 112,000 were approved. 200,000
 * invoices therefore need more approved applications: this step adds the records of the licence
 * years before the generated ones (e.g. 2012–2016), as a desk holds them after the earlier years
 * were brought over — only the applications that were approved, nearly all of them paid and
 * licensed long ago, a few left unpaid. They go through the real tables and triggers (the search
 * index), with the real bill references and review flags; no audit events or SMS are written for
 * them. Run it after the figures that count applications (grid, search, export): it adds rows.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { billRefFor } from '../../src/main/billing/invoice.js';
import { readableDb } from '../../src/main/db/handles.js';
import type { Actor } from '../../src/main/core/actor.js';
import { reviewFlags } from '../../src/shared/reviewFlags.js';
import type { BenchData } from './generate.js';
import { uuidv7At, type Rng } from './prng.js';

const DAY = 86_400_000;
const CPD_THRESHOLD = 20;
const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
const iso = (ms: number) => new Date(ms).toISOString();

interface PractitionerRow {
  id: string;
  cadre: string;
  county: string;
  first_name: string;
  middle_name: string;
  last_name: string;
  phone: string | null;
  centre_id: string | null;
  centre_text: string | null;
  centre_name: string | null;
  centre_active: number | null;
}

export interface TopUpOutcome {
  years: number[];
  applications: number;
  invoices: number;
  seconds: number;
}

/** Adds approved applications of earlier licence years, with their invoices, until there are `target` invoices. */
export function topUpInvoices(sqlite: BetterSqlite3.Database, data: BenchData, rng: Rng, target: number): TopUpOutcome {
  const t0 = performance.now();
  const have = sqlite.prepare('SELECT count(*) FROM invoices').pluck().get() as number;
  const needed = target - have;
  if (needed <= 0) return { years: [], applications: 0, invoices: 0, seconds: 0 };

  // Each practitioner, with the centre of their latest application (people keep their centre).
  const practitioners = sqlite
    .prepare(
      `
    SELECT p.id, p.cadre, p.county, p.first_name, p.middle_name, p.last_name, p.phone,
           a.centre_id, a.centre_text, c.name AS centre_name, c.active AS centre_active
    FROM practitioners p
    LEFT JOIN applications a ON a.rowid = (SELECT max(rowid) FROM applications WHERE practitioner_id = p.id)
    LEFT JOIN centres c ON c.id = a.centre_id`,
    )
    .all() as PractitionerRow[];
  // About half the register renews in a year: as many earlier years as that takes.
  const yearCount = Math.max(1, Math.ceil(needed / (practitioners.length * 0.45)));
  const firstYear = Math.min(...data.years) - yearCount;
  const years = Array.from({ length: yearCount }, (_, i) => firstYear + i);
  const base = data.scale.firstYear;

  const insertFee = sqlite.prepare('INSERT OR IGNORE INTO fees (cadre, licence_year, amount_cents, placeholder, updated_at) VALUES (?, ?, ?, 0, ?)');
  const insertApp = sqlite.prepare(
    `INSERT INTO applications (id, application_ref, practitioner_id, licence_year, submitted_at, cpd_points,
       declaration_accepted, disclosures, centre_id, centre_text, state, revision, decided_by, decided_at,
       decision_reason, flags, flag_count, sort_name, cadre, county, version, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 1, '', ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertHistory = sqlite.prepare(
    `INSERT INTO application_history (application_id, at, actor_id, actor_name, action, from_state, to_state, reason, revision)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  const insertInvoice = sqlite.prepare(
    `INSERT INTO invoices (id, application_id, bill_ref, amount_due_cents, amount_paid_cents, state, paid_at, created_at, version, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const indices = practitioners.map((_, i) => i);
  let added = 0;
  // Bulk writing, as buildNationalData does: a large cache and no fsync, restored afterwards.
  const synchronous = sqlite.pragma('synchronous', { simple: true });
  const cacheSize = sqlite.pragma('cache_size', { simple: true });
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  try {
    years.forEach((year, y) => {
      const n = y === years.length - 1 ? needed - added : Math.floor(needed / years.length);
      // Older years had lower fees.
      const fee = (cadre: string) => (cadre === 'technologist' ? 3000_00 : 2000_00) - (base - year) * 200_00;
      for (const cadre of ['technologist', 'technician']) insertFee.run(cadre, year, fee(cadre), iso(utc(year - 1, 9, 1)));
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(rng.next() * (indices.length - i));
        [indices[i], indices[j]] = [indices[j]!, indices[i]!];
      }
      const windowStart = utc(year - 1, 10, 1);
      const windowEnd = utc(year, 3, 31);
      const times = Array.from({ length: n }, () => windowStart + rng.next() * (windowEnd - windowStart)).sort((a, b) => a - b);
      sqlite.transaction(() => {
        for (let k = 0; k < n; k++) {
          const p = practitioners[indices[k]!]!;
          const submittedMs = Math.floor(times[k]!);
          const decidedMs = submittedMs + rng.int(1, 21) * DAY;
          const officer: Actor = rng.pick(data.officers);
          const state = rng.weighted<string>([
            ['licensed', 93],
            ['paid', 4],
            ['approved', 3],
          ]);
          const cpdPoints = rng.chance(0.03) ? rng.int(10, CPD_THRESHOLD - 1) : rng.int(CPD_THRESHOLD, 60);
          const centre = p.centre_name === null ? null : { name: p.centre_name, active: p.centre_active === 1 };
          const flags = reviewFlags({
            // They were approved, so they were on the register then, whatever it says now.
            cpdPoints,
            cpdThreshold: CPD_THRESHOLD,
            registerStatus: 'active',
            otherDecidedForYear: 0,
            declarationAccepted: true,
            disclosures: '',
            phone: p.phone,
            centre,
            centreText: p.centre_text ?? '',
          });
          const id = uuidv7At(rng, submittedMs);
          const settled = state !== 'approved';
          const paidMs = settled ? decidedMs + rng.int(1, 30) * DAY : null;
          const updatedMs = paidMs ?? decidedMs;
          const sortName = `${p.last_name} ${p.first_name} ${p.middle_name}`.replace(/\s+/g, ' ').trim().toLowerCase();
          insertApp.run(
            id,
            `APP-${year}-${String(k + 1).padStart(6, '0')}`,
            p.id,
            year,
            iso(submittedMs),
            cpdPoints,
            p.centre_id,
            p.centre_text ?? '',
            state,
            officer.id,
            iso(decidedMs),
            flags.length ? 'Checked with the applicant: approved' : null,
            flags.map((f) => f.kind).join(' '),
            flags.length,
            sortName,
            p.cadre,
            p.county,
            settled ? 3 : 2,
            iso(updatedMs),
          );
          insertHistory.run(id, iso(submittedMs), null, 'system', 'submitted', null, 'submitted', null);
          insertHistory.run(
            id,
            iso(decidedMs),
            officer.id,
            officer.username,
            'approve',
            'submitted',
            'approved',
            flags.length ? 'Checked with the applicant: approved' : null,
          );
          const amount = fee(p.cadre);
          insertInvoice.run(
            uuidv7At(rng, decidedMs),
            id,
            billRefFor(readableDb(sqlite), id),
            amount,
            settled ? amount : 0,
            settled ? 'paid' : 'unpaid',
            paidMs === null ? null : iso(paidMs),
            iso(decidedMs),
            settled ? 2 : 1,
            iso(updatedMs),
          );
        }
      })();
      added += n;
    });
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
    sqlite.pragma(`synchronous = ${synchronous}`);
  }
  data.counts.applications = (data.counts.applications ?? 0) + added;
  data.counts.invoices = (data.counts.invoices ?? 0) + added;
  return { years, applications: added, invoices: added, seconds: (performance.now() - t0) / 1000 };
}
