import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { ReviewFlag } from '../../shared/contract/applications.js';
import { reviewFlags } from '../../shared/reviewFlags.js';

const FACTS_SQL = `
  SELECT a.id, a.cpd_points, a.declaration_accepted, a.disclosures, a.centre_text,
         p.register_status, p.phone, c.name AS centre_name, c.active AS centre_active,
         (SELECT count(*) FROM applications o
           WHERE o.practitioner_id = a.practitioner_id AND o.licence_year = a.licence_year
             AND o.id <> a.id AND o.state IN ('approved', 'paid', 'licensed')) AS other_decided
  FROM applications a
  JOIN practitioners p ON p.id = a.practitioner_id
  LEFT JOIN centres c ON c.id = a.centre_id`;

interface FactsRow {
  id: string; cpd_points: number; declaration_accepted: number; disclosures: string; centre_text: string;
  register_status: 'active' | 'suspended' | 'removed' | 'unknown'; phone: string | null;
  centre_name: string | null; centre_active: number | null; other_decided: number;
}

function toFlags(r: FactsRow, cpdThreshold: number): ReviewFlag[] {
  return reviewFlags({
    cpdPoints: r.cpd_points,
    cpdThreshold,
    registerStatus: r.register_status,
    otherDecidedForYear: r.other_decided,
    declarationAccepted: r.declaration_accepted === 1,
    disclosures: r.disclosures,
    phoneValid: r.phone !== null,
    centre: r.centre_name === null ? null : { name: r.centre_name, active: r.centre_active === 1 },
    centreText: r.centre_text,
  });
}

export function flagsForApplication(sqlite: BetterSqlite3.Database, id: string, cpdThreshold: number): ReviewFlag[] {
  const row = sqlite.prepare(`${FACTS_SQL} WHERE a.id = ?`).get(id) as FactsRow | undefined;
  return row ? toFlags(row, cpdThreshold) : [];
}

/**
 * Stores each application's flags for the queue's "flagged" filter. Pass the practitioners whose
 * applications changed, or nothing to refresh every application (after a threshold change).
 */
export function refreshStoredFlags(sqlite: BetterSqlite3.Database, cpdThreshold: number, practitionerIds?: string[]): void {
  const update = sqlite.prepare('UPDATE applications SET flags = ?, flag_count = ? WHERE id = ? AND (flags <> ? OR flag_count <> ?)');
  const apply = (rows: Iterable<FactsRow>) => {
    for (const r of rows) {
      const flags = toFlags(r, cpdThreshold);
      const kinds = flags.map((f) => f.kind).join(' ');
      update.run(kinds, flags.length, r.id, kinds, flags.length);
    }
  };
  if (!practitionerIds) {
    apply(sqlite.prepare(FACTS_SQL).all() as FactsRow[]);
    return;
  }
  const byPractitioner = sqlite.prepare(`${FACTS_SQL} WHERE a.practitioner_id = ?`);
  for (const pid of new Set(practitionerIds)) apply(byPractitioner.all(pid) as FactsRow[]);
}
