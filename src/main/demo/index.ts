/**
 * `kmlttb demo`: realistic Kenyan demo data, made through the same commands staff use. One file
 * per kind of data (users, fees, applications, decisions); payments, licences and SMS sending
 * join here as they arrive. The same seed gives the same data.
 */
import { formatKes } from '../../shared/money.js';
import type { Desk } from '../desk.js';
import { demoRefPrefix, generateApplications, importDemoApplications } from './applications.js';
import { decideDemoApplications, type DemoDecisions } from './decisions.js';
import { ensureDemoFees, type DemoFee } from './fees.js';
import { Random } from './random.js';
import { DEMO_PASSWORD, ensureDemoUsers } from './users.js';

export interface DemoOptions {
  applications?: number;
  seed?: number;
}

export interface DemoSummary {
  dataDir: string;
  seed: number;
  users: { created: string[]; existing: string[]; password: string };
  fees: DemoFee[];
  import: { fileName: string; rowsRead: number; imported: number; resubmitted: number; unchanged: number };
  practitioners: number;
  applications: { total: number; flagged: number; byState: Record<string, number>; byLicenceYear: Record<string, number> };
  decisions: DemoDecisions;
  sms: { queued: number };
}

export async function runDemo(desk: Desk, options: DemoOptions = {}): Promise<DemoSummary> {
  const count = options.applications ?? 300;
  const seed = options.seed ?? 1;
  // Independent streams, so that adding a kind of data does not change the others.
  const rows = generateApplications(new Random(seed), count, seed);

  const users = await ensureDemoUsers(desk);
  const fees = await ensureDemoFees(desk, rows.map((r) => Number(r.licence_year)));
  const fileName = `demo-applications-seed-${seed}.csv`;
  const report = await importDemoApplications(desk, rows, fileName);
  const refs = rows.map((r) => r.application_ref);
  const decisions = await decideDemoApplications(desk, new Random(seed ^ 0x5eed), refs);

  return {
    dataDir: desk.dataDir,
    seed,
    users: { ...users, password: DEMO_PASSWORD },
    fees,
    import: { fileName, rowsRead: report.rowsRead, imported: report.imported, resubmitted: report.resubmitted, unchanged: report.unchanged },
    ...counts(desk, demoRefPrefix(seed)),
    decisions,
  };
}

function counts(desk: Desk, refPrefix: string): Pick<DemoSummary, 'practitioners' | 'applications' | 'sms'> {
  const apps = 'SELECT * FROM applications WHERE substr(application_ref, 1, length(@prefix)) = @prefix';
  const all = (sql: string) => desk.sqlite.prepare(sql).all({ prefix: refPrefix }) as { k: string | number; n: number }[];
  const tally = (sql: string) => Object.fromEntries(all(sql).map((r) => [String(r.k), r.n]));
  const one = (sql: string) => all(sql)[0]?.n ?? 0;
  return {
    practitioners: one(`SELECT count(DISTINCT practitioner_id) AS n FROM (${apps})`),
    applications: {
      total: one(`SELECT count(*) AS n FROM (${apps})`),
      flagged: one(`SELECT count(*) AS n FROM (${apps}) WHERE flag_count > 0`),
      byState: tally(`SELECT state AS k, count(*) AS n FROM (${apps}) GROUP BY state ORDER BY state`),
      byLicenceYear: tally(`SELECT licence_year AS k, count(*) AS n FROM (${apps}) GROUP BY licence_year ORDER BY licence_year`),
    },
    sms: { queued: one(`SELECT count(*) AS n FROM sms_messages WHERE state = 'queued' AND application_id IN (SELECT id FROM (${apps}))`) },
  };
}

/** What the demo made, for a person reading a terminal. */
export function describeDemo(s: DemoSummary): string {
  const list = (o: Record<string, number>) => Object.entries(o).map(([k, n]) => `${k} ${n}`).join(', ');
  const fees = s.fees.map((f) => `${f.cadre} ${f.licenceYear} ${formatKes(f.amountCents)}${f.created ? ' (placeholder)' : ' (already set)'}`);
  return [
    `Demo data (seed ${s.seed}) in ${s.dataDir}:`,
    `  users: ${s.users.created.length ? `${s.users.created.join(', ')} created` : 'none created'}${s.users.existing.length ? `; ${s.users.existing.join(', ')} already there` : ''} (password '${s.users.password}' for those created)`,
    `  fees: ${fees.join('; ')}`,
    `  import ${s.import.fileName}: ${s.import.rowsRead} rows, ${s.import.imported} new, ${s.import.resubmitted} resubmitted, ${s.import.unchanged} unchanged`,
    `  practitioners: ${s.practitioners}`,
    `  applications: ${s.applications.total} (${list(s.applications.byState)}); ${s.applications.flagged} with review flags`,
    `  licence years: ${list(s.applications.byLicenceYear)}`,
    `  decisions by officer: ${s.decisions.approved} approved (${s.decisions.approvedWithFlags} despite flags), ${s.decisions.rejected} rejected, ${s.decisions.returned} returned`,
    `  SMS queued: ${s.sms.queued} (not sent: send with 'kmlttb sms send-pending' once a gateway is set)`,
  ].join('\n');
}
