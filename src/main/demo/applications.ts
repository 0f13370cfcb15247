import type { ImportReport } from '../../shared/contract/applications.js';
import { SYSTEM_ACTOR } from '../core/actor.js';
import type { Desk } from '../desk.js';
import { APPLICATION_COLUMNS, type ApplicationColumn } from '../applications/import/columns.js';
import { generatePractitioners, type DemoPractitioner } from './people.js';
import type { Random } from './random.js';
import { centreCodeForCounty, reference } from './reference.js';
import { dmyNairobiAt, isoNairobiAt, run } from './support.js';

/** Demo submissions fall in the 60 days before this fixed time, so a seed always gives the same data. */
export const DEMO_BASE_TIME = '2026-11-16T17:00:00+03:00';
const DAY_MS = 86_400_000;

export type DemoRow = Record<ApplicationColumn, string>;

const DISCLOSURES = [
  'Convicted of a traffic offence in 2023; fine paid.',
  'A complaint to my employer in 2025 was resolved with no sanction.',
  'Worked in Uganda, January to June 2025.\nBack at my current employer since July.',
  'Licence suspended for three months in 2022 for late renewal.',
];

/** The applicant chose the centre nearest their county, written as a code, a name or a town. */
function centreText(rng: Random, county: string): string {
  const code = centreCodeForCounty(county);
  const centre = reference.rbtc_regional.find((c) => c.code === code)!;
  return rng.weighted([
    [centre.code, 3],
    [centre.name, 4],
    [centre.town, 2],
    [centre.town.toLowerCase(), 1],
  ]);
}

function licenceYear(rng: Random): number {
  return rng.weighted([
    [2027, 55],
    [2026, 40],
    [2025, 5],
  ]);
}

function row(rng: Random, p: DemoPractitioner, year: number, submittedMs: number): Omit<DemoRow, 'application_ref'> {
  const lowCpd = rng.chance(0.1);
  return {
    submitted_at: rng.chance(0.7) ? isoNairobiAt(submittedMs) : dmyNairobiAt(submittedMs),
    national_id: p.nationalId,
    registration_no: rng.chance(0.1) ? p.registrationNo.toLowerCase() : p.registrationNo,
    first_name: p.firstName,
    middle_name: p.middleName,
    last_name: p.lastName,
    phone: p.phone,
    email: p.email,
    cadre: rng.chance(0.2) ? p.cadre[0]!.toUpperCase() + p.cadre.slice(1) : p.cadre,
    qualification: p.qualification,
    county: p.county,
    employer: p.employer,
    licence_year: String(year),
    cpd_points: String(lowCpd ? rng.int(4, 19) : rng.int(20, 60)),
    collection_centre: centreText(rng, p.county),
    declaration_accepted: rng.chance(0.03) ? rng.pick(['no', 'No', 'FALSE', '0']) : rng.pick(['yes', 'Yes', 'TRUE', '1', 'Y']),
    disclosures: rng.chance(0.04) ? rng.pick(DISCLOSURES) : '',
  };
}

/**
 * `count` applications in submission order. About one practitioner in eight applies for two
 * licence years (2026 and 2027); nobody applies twice for the same year.
 */
export function generateApplications(rng: Random, count: number, seed: number): DemoRow[] {
  const people = generatePractitioners(rng, Math.max(1, Math.ceil(count / 1.125)));
  const base = Date.parse(DEMO_BASE_TIME);
  const drafts: { row: Omit<DemoRow, 'application_ref'>; at: number }[] = [];
  const yearOf = new Map<DemoPractitioner, number>();
  for (let i = 0; i < count; i++) {
    const at = base - rng.int(0, 59) * DAY_MS - rng.int(0, 11 * 60) * 60_000; // 06:00 to 17:00 Nairobi
    if (i < people.length) {
      const p = people[i]!;
      const year = licenceYear(rng);
      yearOf.set(p, year);
      drafts.push({ row: row(rng, p, year, at), at });
    } else {
      const p = people[(i - people.length) % people.length]!;
      drafts.push({ row: row(rng, p, yearOf.get(p) === 2027 ? 2026 : 2027, at), at });
    }
  }
  drafts.sort((a, b) => a.at - b.at);
  return drafts.map((d, i) => ({ application_ref: `${demoRefPrefix(seed)}${String(i + 1).padStart(6, '0')}`, ...d.row }));
}

/** Demo application references: `PAL-S1-000001` for seed 1. */
export function demoRefPrefix(seed: number): string {
  return `PAL-S${seed}-`;
}

/** CSV as eCitizen exports it: a header, then quoted values where needed. */
export function toCsv(rows: readonly DemoRow[]): string {
  const columns = APPLICATION_COLUMNS.map((c) => c.name);
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}

/** Imports the rows through `applications.import`, as the system actor. */
export async function importDemoApplications(desk: Desk, rows: readonly DemoRow[], fileName: string): Promise<ImportReport> {
  const dataBase64 = Buffer.from(toCsv(rows), 'utf8').toString('base64');
  return run(desk, 'applications.import', { fileName, dataBase64, dryRun: false }, SYSTEM_ACTOR);
}
