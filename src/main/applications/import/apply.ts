import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Actor } from '../../core/actor.js';
import { newId } from '../../core/ids.js';
import type { ApplicationRecord } from './columns.js';
import { recordContent, sortName } from './content.js';
import type { Action } from './plan.js';

/*
 * Rows are staged in temp tables, then written with one statement per kind of change. The
 * search index is kept by triggers on applications and practitioners, and FTS5 flushes its
 * pending terms at every statement that writes it: row-by-row writes would make one index
 * segment per row (slow, and a database several times larger).
 */

const PRACTITIONER_FIELDS = [
  'registration_no', 'first_name', 'middle_name', 'last_name', 'phone', 'phone_raw', 'email',
  'cadre', 'qualification', 'county', 'employer',
] as const;
type PractitionerValues = Record<(typeof PRACTITIONER_FIELDS)[number], string | null>;

function practitionerValues(r: ApplicationRecord): PractitionerValues {
  return {
    registration_no: r.registrationNo, first_name: r.firstName, middle_name: r.middleName,
    last_name: r.lastName, phone: r.phone, phone_raw: r.phoneRaw, email: r.email, cadre: r.cadre,
    qualification: r.qualification, county: r.county, employer: r.employer,
  };
}

const STAGE_SQL = `
  CREATE TEMP TABLE import_practitioners (id TEXT PRIMARY KEY, ${PRACTITIONER_FIELDS.join(' TEXT, ')} TEXT);
  CREATE TEMP TABLE import_applications (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, from_state TEXT, revision INTEGER NOT NULL, ref TEXT NOT NULL,
    practitioner_id TEXT NOT NULL, licence_year INTEGER NOT NULL, submitted_at TEXT NOT NULL,
    cpd_points INTEGER NOT NULL, declaration_accepted INTEGER NOT NULL, disclosures TEXT NOT NULL,
    centre_id TEXT NOT NULL, centre_text TEXT NOT NULL, sort_name TEXT NOT NULL, cadre TEXT NOT NULL,
    county TEXT NOT NULL, snapshot TEXT NOT NULL
  );`;
const UNSTAGE_SQL = 'DROP TABLE IF EXISTS temp.import_practitioners; DROP TABLE IF EXISTS temp.import_applications;';

/** Who the history of an application imported from a file names: the import, not an officer (issue 17). */
export function importedFrom(fileName: string, actor: Pick<Actor, 'username'>): string {
  return `Imported from ${fileName} by ${actor.username}`;
}

/** Who the history of an application eCitizen sent to the central service names. */
export const RECEIVED_FROM_ECITIZEN = 'Received from eCitizen';

/**
 * Writes the planned changes inside the caller's transaction. Returns the practitioners whose
 * applications changed (their review flags need refreshing). Their history entries keep the
 * actor's id and name the source as `historyActor` (importedFrom, RECEIVED_FROM_ECITIZEN).
 */
export function writeImport(
  sqlite: BetterSqlite3.Database,
  actions: readonly Action[],
  meta: { now: string; actor: Actor; historyActor: string },
): string[] {
  const changed = actions.filter((a) => a.kind !== 'unchanged');
  if (changed.length === 0) return [];
  sqlite.exec(UNSTAGE_SQL);
  sqlite.exec(STAGE_SQL);
  try {
    const practitionerIds = upsertPractitioners(sqlite, changed.map((a) => a.record), meta.now);
    stageApplications(sqlite, changed, practitionerIds);
    const now = { now: meta.now, actorId: meta.actor.id, actorName: meta.historyActor };
    sqlite
      .prepare(
        `INSERT INTO applications (id, application_ref, practitioner_id, licence_year, submitted_at, cpd_points,
           declaration_accepted, disclosures, centre_id, centre_text, state, revision, sort_name, cadre, county, updated_at)
         SELECT id, ref, practitioner_id, licence_year, submitted_at, cpd_points, declaration_accepted, disclosures,
           centre_id, centre_text, 'submitted', 1, sort_name, cadre, county, @now
         FROM temp.import_applications WHERE kind = 'insert' ORDER BY rowid`,
      )
      .run({ now: meta.now });
    sqlite
      .prepare(
        `UPDATE applications SET licence_year = s.licence_year, submitted_at = s.submitted_at, cpd_points = s.cpd_points,
           declaration_accepted = s.declaration_accepted, disclosures = s.disclosures, centre_id = s.centre_id,
           centre_text = s.centre_text, state = 'submitted', revision = s.revision, decided_by = NULL, decided_at = NULL,
           decision_reason = NULL, sort_name = s.sort_name, cadre = s.cadre, county = s.county,
           version = applications.version + 1, updated_at = @now
         FROM temp.import_applications s WHERE s.kind = 'resubmit' AND applications.id = s.id`,
      )
      .run({ now: meta.now });
    sqlite
      .prepare(
        `INSERT INTO application_history (application_id, at, actor_id, actor_name, action, from_state, to_state, revision, snapshot)
         SELECT id, @now, @actorId, @actorName, CASE kind WHEN 'insert' THEN 'submitted' ELSE 'resubmit' END,
           from_state, 'submitted', revision, snapshot
         FROM temp.import_applications ORDER BY rowid`,
      )
      .run(now);
    return [...new Set(practitionerIds.values())];
  } finally {
    sqlite.exec(UNSTAGE_SQL);
  }
}

function stageApplications(sqlite: BetterSqlite3.Database, changed: readonly Action[], practitionerIds: Map<string, string>): void {
  const stage = sqlite.prepare(
    `INSERT INTO temp.import_applications (id, kind, from_state, revision, ref, practitioner_id, licence_year, submitted_at,
       cpd_points, declaration_accepted, disclosures, centre_id, centre_text, sort_name, cadre, county, snapshot)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const action of changed) {
    if (action.kind === 'unchanged') continue;
    const r = action.record;
    const [id, fromState, revision] = action.kind === 'insert'
      ? [newId(), null, 1]
      : [action.existing.id, action.existing.state, action.existing.revision + 1];
    stage.run(
      id, action.kind, fromState, revision, r.applicationRef, practitionerIds.get(r.nationalId)!, r.licenceYear,
      r.submittedAt, r.cpdPoints, r.declarationAccepted ? 1 : 0, r.disclosures, r.centreId, r.centreText, sortName(r),
      r.cadre, r.county, JSON.stringify(recordContent(r)),
    );
  }
}

/**
 * One practitioner per national ID. New ones are active on the register (there is no register
 * import yet). An existing one takes the contact details of the newest row, unless a newer
 * application of theirs is already stored. Returns national ID → practitioner id.
 */
function upsertPractitioners(sqlite: BetterSqlite3.Database, records: readonly ApplicationRecord[], now: string): Map<string, string> {
  const newest = new Map<string, ApplicationRecord>();
  for (const r of records) {
    const seen = newest.get(r.nationalId);
    if (!seen || r.submittedAt >= seen.submittedAt) newest.set(r.nationalId, r);
  }
  const find = sqlite.prepare('SELECT * FROM practitioners WHERE national_id = ?');
  const latest = sqlite.prepare('SELECT max(submitted_at) AS at FROM applications WHERE practitioner_id = ?').pluck();
  const insert = sqlite.prepare(
    `INSERT INTO practitioners (id, national_id, ${PRACTITIONER_FIELDS.join(', ')}, register_status, updated_at)
     VALUES (?, ?, ${PRACTITIONER_FIELDS.map(() => '?').join(', ')}, 'active', ?)`,
  );
  const stageUpdate = sqlite.prepare(
    `INSERT INTO temp.import_practitioners (id, ${PRACTITIONER_FIELDS.join(', ')}) VALUES (?, ${PRACTITIONER_FIELDS.map(() => '?').join(', ')})`,
  );
  const ids = new Map<string, string>();
  for (const [nationalId, r] of newest) {
    const values = practitionerValues(r);
    const existing = find.get(nationalId) as (PractitionerValues & { id: string }) | undefined;
    if (!existing) {
      const id = newId();
      insert.run(id, nationalId, ...PRACTITIONER_FIELDS.map((f) => values[f]), now);
      ids.set(nationalId, id);
      continue;
    }
    ids.set(nationalId, existing.id);
    if (!PRACTITIONER_FIELDS.some((f) => existing[f] !== values[f])) continue;
    const newestStored = latest.get(existing.id) as string | null;
    if (newestStored === null || newestStored <= r.submittedAt) stageUpdate.run(existing.id, ...PRACTITIONER_FIELDS.map((f) => values[f]));
  }
  sqlite
    .prepare(
      `UPDATE practitioners SET ${PRACTITIONER_FIELDS.map((f) => `${f} = u.${f}`).join(', ')},
         version = practitioners.version + 1, updated_at = @now
       FROM temp.import_practitioners u WHERE practitioners.id = u.id`,
    )
    .run({ now });
  return ids;
}
