/**
 * Builds a desk database at national scale (QUALITY.md "Performance budgets") from a seeded PRNG.
 *
 * Reusable: later issues add their own steps (payments, licences, ...) after `buildNationalData`,
 * using the returned `BenchData` (actors, years, centres) and `data.rng` for more reproducible rows.
 *
 * Everything goes through the real tables of a desk opened with `openDesk`, so the schema, the
 * constraints and the triggers (the FTS5 search index) are the real ones. Rows are written with
 * prepared statements in large transactions; `synchronous` is relaxed while writing and restored
 * to the desk's own setting afterwards.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import kenya from '../../resources/reference/kenya.json' with { type: 'json' };
import smsDefaults from '../../resources/sms-templates.json' with { type: 'json' };
import { billRefFor } from '../../src/main/billing/invoice.js';
import { readableDb } from '../../src/main/db/handles.js';
import type { Actor } from '../../src/main/core/actor.js';
import { eventHash, GENESIS_HASH } from '../../src/main/core/audit.js';
import type { Desk } from '../../src/main/desk.js';
import { stableId } from '../../src/main/seed.js';
import { formatKes } from '../../src/shared/money.js';
import { reviewFlags } from '../../src/shared/reviewFlags.js';
import { smsLength } from '../../src/shared/smsSegments.js';
import { renderSms } from '../../src/shared/smsTemplate.js';
import { createRng, uuidv7At, type Rng } from './prng.js';

export interface NationalScale {
  practitioners: number;
  applications: number;
  auditEvents: number;
  /** The first of `years` consecutive licence years. */
  firstYear: number;
  years: number;
}

/** QUALITY.md: national scale ×10. */
export const NATIONAL_SCALE_X10: NationalScale = {
  practitioners: 40_000,
  applications: 200_000,
  auditEvents: 1_000_000,
  firstYear: 2017,
  years: 10,
};

type Cadre = 'technologist' | 'technician';
type State = 'submitted' | 'approved' | 'rejected' | 'returned' | 'paid' | 'licensed';
type Language = 'en' | 'sw';

export interface BenchData {
  seed: number;
  scale: NationalScale;
  /** Continue drawing from this for further reproducible rows. */
  rng: Rng;
  deskId: string;
  officer: Actor;
  officers: Actor[];
  admin: Actor;
  auditor: Actor;
  years: number[];
  centreIds: string[];
  counties: string[];
  /** Rows written per table by the generator. */
  counts: Record<string, number>;
  /** Seconds spent per step. */
  timings: Record<string, number>;
}

export interface BuildOptions {
  scale?: Partial<NationalScale>;
  seed?: number;
  log?: (line: string) => void;
}

const DAY = 86_400_000;
const CPD_THRESHOLD = 20; // the setting's default ('review.cpdThreshold')
const PASSWORD_HASH_PLACEHOLDER = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Satellite collection centres (DOMAIN.md: added by the Board), each with the county it serves. */
const SATELLITE_COUNTY: Record<string, string> = {
  Machakos: 'Machakos',
  Kisii: 'Kisii',
  Voi: 'Taita-Taveta',
  Meru: 'Meru',
  Naivasha: 'Nakuru',
  Busia: 'Busia',
  Siaya: 'Siaya',
  Kericho: 'Kericho',
  Nyeri: 'Nyeri',
  Garissa: 'Garissa',
  Malindi: 'Kilifi',
  Thika: 'Kiambu',
  Lodwar: 'Turkana',
  Bungoma: 'Bungoma',
  Kitale: 'Trans Nzoia',
  Kwale: 'Kwale',
  Nandi: 'Nandi',
  Kitui: 'Kitui',
  Narok: 'Narok',
  Lamu: 'Lamu',
  Wajir: 'Wajir',
  Migori: 'Migori',
};
/** One satellite is inactive, so that the "centre inactive" review flag occurs. */
const INACTIVE_SATELLITE = 'Lamu';

const COUNTY_WEIGHT: Record<string, number> = {
  Nairobi: 14,
  Kiambu: 5,
  Nakuru: 4,
  Mombasa: 4,
  Kisumu: 4,
  'Uasin Gishu': 3,
  Machakos: 3,
  Kakamega: 3,
  Meru: 3,
  Kisii: 2.5,
  Bungoma: 2.5,
  Kilifi: 2,
  Nyeri: 2,
  Embu: 1.5,
  Kericho: 1.5,
  Kajiado: 2,
};

const DISCLOSURES = [
  'Under investigation by a previous employer',
  'Licence suspended in 2019, reinstated',
  'Pending disciplinary inquiry',
  'Criminal charge pending in court',
];
const REJECT_REASONS = ['CPD points not supported by certificates', 'Practitioner suspended on the register', 'Duplicate application for the year'];
const RETURN_REASONS = ['Upload your CPD certificates', 'Your national ID copy is unreadable', 'Confirm your collection centre', 'Update your employer'];
const UNKNOWN_CENTRES = ['Kitengela', 'Ruiru', 'Kakamega town', 'Mwingi', ''];

interface Practitioner {
  id: string;
  nationalId: string;
  firstName: string;
  middleName: string;
  lastName: string;
  phone: string | null;
  cadre: Cadre;
  county: string;
  registerStatus: 'active' | 'suspended' | 'removed' | 'unknown';
  language: Language;
}

interface DecisionEvent {
  at: number;
  actor: Actor;
  action: 'approve' | 'reject' | 'return';
  appId: string;
  ref: string;
  from: State;
  to: State;
  reason: string | null;
  billRef: string | null;
  amountCents: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

function timed<T>(timings: Record<string, number>, name: string, log: (l: string) => void, fn: () => T): T {
  const t0 = performance.now();
  const out = fn();
  const s = (performance.now() - t0) / 1000;
  timings[name] = s;
  log(`  ${name}: ${s.toFixed(1)} s`);
  return out;
}

/** Runs `fn(i)` for i in [0, n) in transactions of `chunk`. */
function inChunks(sqlite: BetterSqlite3.Database, n: number, chunk: number, fn: (i: number) => void): void {
  const tx = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) fn(i);
  });
  for (let from = 0; from < n; from += chunk) tx(from, Math.min(n, from + chunk));
}

/** Builds the whole data set in `desk` (a fresh one). */
export async function buildNationalData(desk: Desk, options: BuildOptions = {}): Promise<BenchData> {
  const scale = { ...NATIONAL_SCALE_X10, ...options.scale };
  const seed = options.seed ?? 20260101;
  const log = options.log ?? (() => {});
  const rng = createRng(seed);
  const { sqlite } = desk;
  const timings: Record<string, number> = {};
  const counts: Record<string, number> = {};

  const synchronous = sqlite.pragma('synchronous', { simple: true });
  const cacheSize = sqlite.pragma('cache_size', { simple: true });
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144'); // 256 MB while writing
  try {
    const ref = timed(timings, 'reference data (centres, fees, users)', log, () => seedStaffAndReference(desk, rng, scale, counts));
    const practitioners = timed(timings, `practitioners (${scale.practitioners.toLocaleString('en')})`, log, () =>
      generatePractitioners(sqlite, rng, scale, counts),
    );
    const decisions = timed(timings, `applications, history, invoices, SMS (${scale.applications.toLocaleString('en')})`, log, () =>
      generateApplications(sqlite, rng, scale, practitioners, ref, counts),
    );
    timed(timings, `audit events (${scale.auditEvents.toLocaleString('en')})`, log, () =>
      generateAuditTrail(sqlite, rng, scale, decisions, ref, desk.deskId, counts),
    );
    timed(timings, 'checkpoint', log, () => sqlite.pragma('wal_checkpoint(TRUNCATE)'));
    return {
      seed,
      scale,
      rng,
      deskId: desk.deskId,
      officer: ref.officers[0]!,
      officers: ref.officers,
      admin: ref.admin,
      auditor: ref.auditor,
      years: ref.years,
      centreIds: ref.centres.map((c) => c.id),
      counties: kenya.counties.map(([, name]) => name!),
      counts,
      timings,
    };
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
    sqlite.pragma(`synchronous = ${synchronous}`);
  }
}

interface Reference {
  years: number[];
  centres: { id: string; name: string; town: string; active: boolean }[];
  regionalByCounty: Map<string, { id: string; name: string; town: string; active: boolean }>;
  satelliteByCounty: Map<string, { id: string; name: string; town: string; active: boolean }>;
  fees: Map<string, number>;
  officers: Actor[];
  admin: Actor;
  auditor: Actor;
  clerks: Actor[];
}

/** Satellite centres, fees for each cadre and year, and the staff: an admin, officers, an auditor, a clerk per centre. */
export function seedStaffAndReference(desk: Desk, rng: Rng, scale: NationalScale, counts: Record<string, number>): Reference {
  const { sqlite } = desk;
  const at = iso(utc(scale.firstYear - 1, 9, 1));
  const years = Array.from({ length: scale.years }, (_, i) => scale.firstYear + i);
  const fees = new Map<string, number>();
  const actor = (id: string, username: string, fullName: string, role: Actor['role'], centreId: string | null = null): Actor => ({
    id,
    username,
    fullName,
    role,
    centreId,
  });
  const admin = actor(uuidv7At(rng, utc(scale.firstYear - 1, 9, 1)), 'admin', 'Board Administrator', 'admin');
  const auditor = actor(uuidv7At(rng, utc(scale.firstYear - 1, 9, 2)), 'auditor', 'Internal Auditor', 'auditor');
  const officers = [
    actor(uuidv7At(rng, utc(scale.firstYear - 1, 9, 3)), 'officer', 'Wanjiru Kamau', 'officer'),
    actor(uuidv7At(rng, utc(scale.firstYear - 1, 9, 3)), 'jotieno', 'Joseph Otieno', 'officer'),
    actor(uuidv7At(rng, utc(scale.firstYear - 1, 9, 3)), 'fchebet', 'Faith Chebet', 'officer'),
    actor(uuidv7At(rng, utc(scale.firstYear - 1, 9, 3)), 'mmwangi', 'Moses Mwangi', 'officer'),
  ];
  const clerks: Actor[] = [];

  sqlite.transaction(() => {
    const insertCentre = sqlite.prepare('INSERT OR IGNORE INTO centres (id, code, name, town, region, active, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const town of kenya.rbtc_satellites) {
      const code = `SAT-${town.toUpperCase().replace(/[^A-Z]/g, '')}`;
      insertCentre.run(stableId('centre', code), code, `RBTC Satellite ${town}`, town, 'Satellite', town === INACTIVE_SATELLITE ? 0 : 1, at);
    }
    const insertFee = sqlite.prepare('INSERT OR REPLACE INTO fees (cadre, licence_year, amount_cents, placeholder, updated_at) VALUES (?, ?, ?, 1, ?)');
    for (const year of years) {
      const rise = Math.floor((year - scale.firstYear) / 3) * 500_00;
      for (const [cadre, base] of [
        ['technologist', 3000_00],
        ['technician', 2000_00],
      ] as const) {
        insertFee.run(cadre, year, base + rise, at);
        fees.set(`${cadre}:${year}`, base + rise);
      }
    }
    const insertUser = sqlite.prepare(
      `INSERT INTO users (id, username, full_name, role, centre_id, password_hash, active, failed_logins, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 1, 0, ?, ?)`,
    );
    const centres = sqlite.prepare('SELECT id, code, town FROM centres WHERE code NOT LIKE ?').all('SAT-%') as { id: string; code: string; town: string }[];
    for (const c of centres)
      clerks.push(actor(uuidv7At(rng, utc(scale.firstYear - 1, 9, 4)), `clerk.${c.code.toLowerCase()}`, `Clerk ${c.town}`, 'clerk', c.id));
    for (const u of [admin, auditor, ...officers, ...clerks]) {
      insertUser.run(u.id, u.username, u.fullName, u.role, u.centreId, PASSWORD_HASH_PLACEHOLDER, at, at);
    }
  })();

  const centres = (
    sqlite.prepare('SELECT id, code, name, town, active FROM centres').all() as { id: string; code: string; name: string; town: string; active: number }[]
  ).map((c) => ({ ...c, active: c.active === 1 }));
  const byCode = new Map(centres.map((c) => [c.code, c]));
  const regionalByCounty = new Map<string, (typeof centres)[number]>();
  for (const [code, countiesOf] of Object.entries(kenya.county_to_region)) {
    for (const county of countiesOf) regionalByCounty.set(county, byCode.get(code)!);
  }
  const satelliteByCounty = new Map<string, (typeof centres)[number]>();
  for (const [town, county] of Object.entries(SATELLITE_COUNTY)) {
    const c = byCode.get(`SAT-${town.toUpperCase().replace(/[^A-Z]/g, '')}`);
    if (c) satelliteByCounty.set(county, c);
  }
  counts.centres = centres.length;
  counts.fees = fees.size;
  counts.users = (sqlite.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  return { years, centres, regionalByCounty, satelliteByCounty, fees, officers, admin, auditor, clerks };
}

function kenyanPhone(rng: Rng): string {
  const nsn = rng.weighted<() => string>([
    [() => `7${rng.pick(['0', '1', '2', '9', '4', '5', '6', '8', '3'])}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`, 88],
    [() => `11${rng.int(0, 1)}${String(rng.int(0, 999_999)).padStart(6, '0')}`, 8],
    [() => `10${rng.int(0, 2)}${String(rng.int(0, 999_999)).padStart(6, '0')}`, 4],
  ])();
  return `254${nsn}`;
}

/** How an applicant typed their phone number on eCitizen. */
function rawPhone(rng: Rng, msisdn: string): string {
  const local = `0${msisdn.slice(3)}`;
  return rng.weighted<string>([
    [local, 50],
    [`${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}`, 15],
    [`+${msisdn}`, 20],
    [msisdn, 10],
    [msisdn.slice(3), 5],
  ]);
}

export function generatePractitioners(sqlite: BetterSqlite3.Database, rng: Rng, scale: NationalScale, counts: Record<string, number>): Practitioner[] {
  const counties = kenya.counties.map(([, name]) => [name!, COUNTY_WEIGHT[name!] ?? 1] as const);
  const nationalIds = new Set<string>();
  const out: Practitioner[] = [];
  const insert = sqlite.prepare(
    `INSERT INTO practitioners (id, national_id, registration_no, first_name, middle_name, last_name, phone, phone_raw,
       email, cadre, qualification, county, employer, register_status, language, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const at = iso(utc(scale.firstYear - 1, 9, 15));
  inChunks(sqlite, scale.practitioners, 20_000, (i) => {
    let nationalId: string;
    do {
      nationalId = rng.chance(0.12) ? String(rng.int(1_000_000, 9_999_999)) : String(rng.int(20_000_000, 39_999_999));
    } while (nationalIds.has(nationalId));
    nationalIds.add(nationalId);
    const cadre: Cadre = rng.chance(0.62) ? 'technologist' : 'technician';
    const firstName = rng.pick(kenya.first_names);
    const lastName = rng.pick(kenya.last_names);
    const middleName = rng.weighted<string>([
      [rng.pick(kenya.first_names), 25],
      [rng.pick(kenya.last_names), 35],
      ['', 40],
    ]);
    const phoneInvalid = rng.chance(0.02);
    const phone = phoneInvalid ? null : kenyanPhone(rng);
    const phoneRaw = phone ? rawPhone(rng, phone) : rng.pick(['2.54712E+11', '07123', '0712-34567', '', 'none']);
    const county = rng.weighted(counties);
    const registerStatus = rng.weighted<Practitioner['registerStatus']>([
      ['active', 970],
      ['suspended', 15],
      ['unknown', 10],
      ['removed', 5],
    ]);
    const language: Language = rng.chance(0.15) ? 'sw' : 'en';
    const email = rng.chance(0.85) ? `${firstName}.${lastName}${rng.int(1, 999)}@example.co.ke`.toLowerCase() : '';
    const registrationNo = `KMLTTB/${cadre === 'technologist' ? 'D' : 'C'}/${String(10_000 + i).padStart(6, '0')}`;
    const id = uuidv7At(rng, utc(scale.firstYear - 1, 9, 15) + i);
    insert.run(
      id,
      nationalId,
      registrationNo,
      firstName,
      middleName,
      lastName,
      phone,
      phoneRaw,
      email,
      cadre,
      rng.pick(kenya.qualifications[cadre]),
      county,
      rng.pick(kenya.employers),
      registerStatus,
      language,
      at,
    );
    out.push({ id, nationalId, firstName, middleName, lastName, phone, cadre, county, registerStatus, language });
  });
  counts.practitioners = out.length;
  return out;
}

/** Probability of each state for licence year index y (0 = oldest): ~30% submitted overall, newer years less settled. */
function stateWeights(y: number, years: number): [State, number][] {
  const f = years > 1 ? y / (years - 1) : 1; // 0 oldest → 1 newest
  const submitted = 0.12 + 0.36 * f;
  const rest = 1 - submitted;
  const mix: [State, number][] = [
    ['licensed', 0.7 - 0.5 * f],
    ['paid', 0.05 + 0.2 * f],
    ['approved', 0.05 + 0.3 * f],
    ['rejected', 0.1],
    ['returned', 0.1],
  ];
  const sum = mix.reduce((s, [, w]) => s + w, 0);
  return [['submitted', submitted], ...mix.map(([s, w]): [State, number] => [s, (w / sum) * rest])];
}

const sortName = (p: Pick<Practitioner, 'firstName' | 'middleName' | 'lastName'>) =>
  // The same rule as the importer's sortName (src/main/applications/import/content.ts).
  `${p.lastName} ${p.firstName} ${p.middleName}`.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Applications spread over the licence years (one per practitioner and year), with their history,
 * review flags (the real rules), invoices for approved ones and the SMS each decision sent.
 * Returns the decisions, in time order, for the audit trail.
 */
export function generateApplications(
  sqlite: BetterSqlite3.Database,
  rng: Rng,
  scale: NationalScale,
  practitioners: Practitioner[],
  ref: Reference,
  counts: Record<string, number>,
): DecisionEvent[] {
  const insertApp = sqlite.prepare(
    `INSERT INTO applications (id, application_ref, practitioner_id, licence_year, submitted_at, cpd_points,
       declaration_accepted, disclosures, centre_id, centre_text, state, revision, decided_by, decided_at,
       decision_reason, flags, flag_count, sort_name, cadre, county, version, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertHistory = sqlite.prepare(
    `INSERT INTO application_history (application_id, at, actor_id, actor_name, action, from_state, to_state, reason, revision)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertInvoice = sqlite.prepare(
    `INSERT INTO invoices (id, application_id, bill_ref, amount_due_cents, amount_paid_cents, state, paid_at, created_at, version, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSms = sqlite.prepare(
    `INSERT INTO sms_messages (id, event_key, created_at, application_id, phone, event, language, body, encoding, parts,
       state, attempts, sent_at, delivered_at, gateway_message_id, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'delivered', 1, ?, ?, ?, ?)`,
  );
  const templates = smsDefaults as Record<Language, Record<string, string>>;
  const decisions: DecisionEvent[] = [];
  const perYear = Math.floor(scale.applications / ref.years.length);
  const indices = practitioners.map((_, i) => i);
  counts.applications = 0;
  counts.application_history = 0;
  counts.invoices = 0;
  counts.sms_messages = 0;

  ref.years.forEach((year, y) => {
    const n = y === ref.years.length - 1 ? scale.applications - perYear * (ref.years.length - 1) : perYear;
    if (n > practitioners.length) throw new Error('More applications in a year than practitioners');
    // The renewal window: October of the year before to the end of March, stragglers until September.
    const windowStart = utc(year - 1, 10, 1);
    const windowMain = utc(year, 3, 31);
    const windowEnd = utc(year, 9, 30);
    const times = Array.from({ length: n }, () =>
      rng.chance(0.9) ? windowStart + rng.next() * (windowMain - windowStart) : windowMain + rng.next() * (windowEnd - windowMain),
    ).sort((a, b) => a - b);
    // Partial shuffle: n distinct practitioners for the year.
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(rng.next() * (indices.length - i));
      [indices[i], indices[j]] = [indices[j]!, indices[i]!];
    }
    const weights = stateWeights(y, ref.years.length);
    const tx = sqlite.transaction(() => {
      for (let k = 0; k < n; k++) {
        const p = practitioners[indices[k]!]!;
        const submittedMs = Math.floor(times[k]!);
        const id = uuidv7At(rng, submittedMs);
        const applicationRef = `APP-${year}-${String(k + 1).padStart(6, '0')}`;
        const state = rng.weighted(weights);
        const cpdPoints = rng.chance(0.08) ? rng.int(0, CPD_THRESHOLD - 1) : rng.int(CPD_THRESHOLD, 60);
        const declarationAccepted = rng.chance(0.98);
        const disclosures = rng.chance(0.02) ? rng.pick(DISCLOSURES) : '';
        let centre: Reference['centres'][number] | null;
        let centreText: string;
        if (rng.chance(0.02)) {
          centre = null;
          centreText = rng.pick(UNKNOWN_CENTRES);
        } else {
          const satellite = ref.satelliteByCounty.get(p.county);
          centre = satellite && rng.chance(0.6) ? satellite : ref.regionalByCounty.get(p.county)!;
          centreText = centre.name;
        }
        const flags = reviewFlags({
          cpdPoints,
          cpdThreshold: CPD_THRESHOLD,
          registerStatus: p.registerStatus,
          otherDecidedForYear: 0,
          declarationAccepted,
          disclosures,
          phone: p.phone,
          centre: centre ? { name: centre.name, active: centre.active } : null,
          centreText,
        });
        const submittedAt = iso(submittedMs);
        let decidedBy: Actor | null = null;
        let decidedMs: number | null = null;
        let reason: string | null = null;
        const revision = 1;
        if (state !== 'submitted') {
          decidedBy = rng.pick(ref.officers);
          decidedMs = submittedMs + rng.int(1, 21) * DAY + rng.int(8 * 3600, 16 * 3600) * 1000 - (submittedMs % DAY);
          if (state === 'rejected') reason = rng.pick(REJECT_REASONS);
          else if (state === 'returned') reason = rng.pick(RETURN_REASONS);
          else if (flags.length) reason = 'Checked with the applicant: approved';
        }
        const updatedMs = decidedMs ?? submittedMs;
        insertApp.run(
          id,
          applicationRef,
          p.id,
          year,
          submittedAt,
          cpdPoints,
          declarationAccepted ? 1 : 0,
          disclosures,
          centre?.id ?? null,
          centreText,
          state,
          revision,
          decidedBy?.id ?? null,
          decidedMs === null ? null : iso(decidedMs),
          reason,
          flags.map((f) => f.kind).join(' '),
          flags.length,
          sortName(p),
          p.cadre,
          p.county,
          state === 'submitted' ? 1 : 2,
          iso(updatedMs),
        );
        insertHistory.run(id, submittedAt, null, 'system', 'submitted', null, 'submitted', null, 1);
        counts.applications!++;
        counts.application_history!++;
        if (!decidedBy || decidedMs === null) continue;

        const action = state === 'rejected' ? 'reject' : state === 'returned' ? 'return' : 'approve';
        const to: State = action === 'approve' ? 'approved' : state;
        const decidedAt = iso(decidedMs);
        insertHistory.run(id, decidedAt, decidedBy.id, decidedBy.username, action, 'submitted', to, reason, revision);
        counts.application_history!++;

        let billRef: string | null = null;
        let amountCents: number | null = null;
        if (action === 'approve') {
          amountCents = ref.fees.get(`${p.cadre}:${year}`)!;
          billRef = billRefFor(readableDb(sqlite), id);
          const settled = state === 'paid' || state === 'licensed';
          const invoiceState = settled ? 'paid' : rng.chance(0.05) ? 'partially_paid' : 'unpaid';
          const paid = settled ? amountCents : invoiceState === 'partially_paid' ? Math.floor(amountCents / 2) : 0;
          const paidAt = settled ? iso(decidedMs + rng.int(1, 30) * DAY) : null;
          insertInvoice.run(uuidv7At(rng, decidedMs), id, billRef, amountCents, paid, invoiceState, paidAt, decidedAt, settled ? 2 : 1, paidAt ?? decidedAt);
          counts.invoices!++;
        }
        if (p.phone) {
          const event = action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : 'returned';
          const centreInfo = centre ?? { name: '', town: '' };
          const text = renderSms(templates[p.language][event]!, {
            name: p.firstName,
            ref: applicationRef,
            year: String(year),
            reason: reason ?? '',
            billRef: billRef ?? '',
            amount: amountCents === null ? '' : formatKes(amountCents),
            centre: centreInfo.name,
            town: centreInfo.town,
          });
          const length = smsLength(text);
          const sentMs = decidedMs + rng.int(2, 120) * 1000;
          insertSms.run(
            uuidv7At(rng, decidedMs),
            `${event}:${id}:${revision}`,
            decidedAt,
            id,
            p.phone,
            event,
            p.language,
            text,
            length.encoding,
            length.parts,
            iso(sentMs),
            iso(sentMs + rng.int(1, 60) * 1000),
            `ATXid_${rng.hex(24)}`,
            iso(sentMs),
          );
          counts.sms_messages!++;
        }
        decisions.push({ at: decidedMs, actor: decidedBy, action, appId: id, ref: applicationRef, from: 'submitted', to, reason, billRef, amountCents });
      }
    });
    tx();
  });
  decisions.sort((a, b) => a.at - b.at);
  return decisions;
}

/**
 * The audit trail: the decisions above plus the day-to-day events (sign-ins, sign-outs, imports,
 * exports) up to `scale.auditEvents`, in time order, as one valid hash chain (the real eventHash).
 */
export function generateAuditTrail(
  sqlite: BetterSqlite3.Database,
  rng: Rng,
  scale: NationalScale,
  decisions: DecisionEvent[],
  ref: Reference,
  deskId: string,
  counts: Record<string, number>,
): void {
  const last = sqlite.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const insert = sqlite.prepare(
    `INSERT INTO audit_events (seq, id, at, actor_id, actor_name, desk_id, action, entity, entity_id, summary, before, after, op_id, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const total = scale.auditEvents;
  const decisionEvents = Math.min(decisions.length, total);
  const fillers = total - decisionEvents;
  const start = utc(scale.firstYear - 1, 10, 1);
  const end = utc(scale.firstYear + scale.years - 1, 11, 20);
  const step = fillers > 0 ? (end - start) / fillers : 0;
  const staff = [...ref.officers, ...ref.officers, ref.admin, ref.auditor, ...ref.clerks];
  let d = 0;
  let f = 0;
  let fillerAt = start + rng.next() * step;

  const write = (
    at: number,
    actor: Actor,
    action: string,
    entity: string,
    entityId: string | null,
    summary: string,
    before: string | null,
    after: string | null,
    opId: string | null,
  ) => {
    seq++;
    const fields = {
      seq,
      id: uuidv7At(rng, at),
      at: iso(at),
      actor_id: actor.id,
      actor_name: actor.username,
      desk_id: deskId,
      action,
      entity,
      entity_id: entityId,
      summary,
      before,
      after,
      op_id: opId,
      prev_hash: prevHash,
    };
    const hash = eventHash(fields);
    insert.run(
      fields.seq,
      fields.id,
      fields.at,
      fields.actor_id,
      fields.actor_name,
      fields.desk_id,
      fields.action,
      fields.entity,
      fields.entity_id,
      fields.summary,
      fields.before,
      fields.after,
      fields.op_id,
      fields.prev_hash,
      hash,
    );
    prevHash = hash;
  };

  inChunks(sqlite, total, 50_000, () => {
    if (d < decisionEvents && (f >= fillers || decisions[d]!.at <= fillerAt)) {
      const e = decisions[d++]!;
      write(
        e.at,
        e.actor,
        `application.${e.action}`,
        'application',
        e.appId,
        `${e.ref} ${e.to}${e.reason ? `: ${e.reason}` : ''}${e.billRef ? ` (bill ${e.billRef}, ${formatKes(e.amountCents!)})` : ''}`,
        JSON.stringify({ state: e.from, decidedBy: null, decisionReason: null }),
        JSON.stringify({
          state: e.to,
          decidedBy: e.actor.id,
          decisionReason: e.reason,
          billRef: e.billRef ?? undefined,
          amountDueCents: e.amountCents ?? undefined,
        }),
        uuidv7At(rng, e.at),
      );
      return;
    }
    const at = fillerAt;
    f++;
    fillerAt = start + f * step + rng.next() * step;
    const actor = rng.pick(staff);
    const kind = rng.weighted<string>([
      ['login', 45],
      ['logout', 40],
      ['export', 9],
      ['import', 5],
      ['failed', 1],
    ]);
    switch (kind) {
      case 'login':
        write(at, actor, 'session.login', 'session', actor.id, `${actor.username} signed in`, null, null, null);
        break;
      case 'logout':
        write(at, actor, 'session.logout', 'session', actor.id, `${actor.username} signed out`, null, null, null);
        break;
      case 'failed':
        write(at, { ...actor, id: null }, 'session.login_failed', 'session', null, `Failed sign-in for '${actor.username}'`, null, null, null);
        break;
      case 'export': {
        const rows = rng.int(10, 20_000);
        const input = { report: 'applications', format: rng.pick(['csv', 'xlsx']), rows, filters: { state: 'approved' } };
        write(
          at,
          actor,
          'report.exported',
          'report',
          'applications',
          `applications exported as ${input.format.toUpperCase()}: ${rows} rows (state=approved)`,
          null,
          JSON.stringify(input),
          uuidv7At(rng, at),
        );
        break;
      }
      default: {
        const rowsRead = rng.int(20, 800);
        const fileName = `ecitizen-applications-${iso(at).slice(0, 10)}.csv`;
        write(
          at,
          actor,
          'applications.import',
          'import',
          uuidv7At(rng, at),
          `${fileName}: ${rowsRead} rows, ${rowsRead} imported`,
          null,
          JSON.stringify({ fileName, sha256: rng.hex(64), dryRun: false, rowsRead, imported: rowsRead, resubmitted: 0, unchanged: 0, problems: 0 }),
          uuidv7At(rng, at),
        );
      }
    }
  });
  counts.audit_events = total;
}

/** The `BenchData` of a data set built earlier (`npm run bench -- --keep`), for `--reuse`. */
export function describeExistingData(desk: Desk, seed: number): BenchData {
  const { sqlite } = desk;
  const users = sqlite.prepare('SELECT id, username, full_name, role, centre_id FROM users ORDER BY username').all() as {
    id: string;
    username: string;
    full_name: string;
    role: Actor['role'];
    centre_id: string | null;
  }[];
  const actor = (u: (typeof users)[number]): Actor => ({ id: u.id, username: u.username, fullName: u.full_name, role: u.role, centreId: u.centre_id });
  const find = (username: string) => {
    const u = users.find((x) => x.username === username);
    if (!u) throw new Error(`No user '${username}': this folder was not built by the bench`);
    return actor(u);
  };
  const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const years = (sqlite.prepare('SELECT DISTINCT licence_year AS y FROM applications ORDER BY y').all() as { y: number }[]).map((r) => r.y);
  const counts: Record<string, number> = {};
  for (const t of ['centres', 'fees', 'users', 'practitioners', 'applications', 'application_history', 'invoices', 'sms_messages', 'audit_events'])
    counts[t] = count(t);
  return {
    seed,
    scale: {
      practitioners: counts.practitioners!,
      applications: counts.applications!,
      auditEvents: counts.audit_events!,
      firstYear: years[0]!,
      years: years.length,
    },
    rng: createRng(seed ^ 0xabcdef),
    deskId: desk.deskId,
    officer: find('officer'),
    officers: users.filter((u) => u.role === 'officer').map(actor),
    admin: find('admin'),
    auditor: find('auditor'),
    years,
    centreIds: (sqlite.prepare('SELECT id FROM centres ORDER BY code').all() as { id: string }[]).map((r) => r.id),
    counties: kenya.counties.map(([, name]) => name!),
    counts,
    timings: {},
  };
}
