import { inChunks } from '../../core/inChunks.js';
import type { Actor } from '../../core/actor.js';
import { newId } from '../../core/ids.js';
import { sql, type WritableDB } from '../../db/handles.js';
import type { PractitionersTable } from '../../db/schema.js';
import type { ApplicationRecord } from './columns.js';
import { recordContent, sortName } from './content.js';
import type { Action } from './plan.js';

/*
 * Rows are staged in temp tables, then written with one statement per kind of change. The
 * search index is kept by triggers on applications and practitioners, and FTS5 flushes its
 * pending terms at every statement that writes it: row-by-row writes would make one index
 * segment per row (slow, and a database several times larger). The temp tables are not in
 * schema.ts: statements on them are written by hand with the `sql` template.
 */

const PRACTITIONER_FIELDS = [
  'registration_no',
  'first_name',
  'middle_name',
  'last_name',
  'phone',
  'phone_raw',
  'email',
  'cadre',
  'qualification',
  'county',
  'employer',
] as const;
type PractitionerValues = Pick<PractitionersTable, (typeof PRACTITIONER_FIELDS)[number]>;

function practitionerValues(r: ApplicationRecord): PractitionerValues {
  return {
    registration_no: r.registrationNo,
    first_name: r.firstName,
    middle_name: r.middleName,
    last_name: r.lastName,
    phone: r.phone,
    phone_raw: r.phoneRaw,
    email: r.email,
    cadre: r.cadre,
    qualification: r.qualification,
    county: r.county,
    employer: r.employer,
  };
}

const columns = (names: readonly string[]) => sql.join(names.map((name) => sql.ref(name)));

const STAGE_SQL = sql.raw(`
  CREATE TEMP TABLE import_practitioners (id TEXT PRIMARY KEY, ${PRACTITIONER_FIELDS.join(' TEXT, ')} TEXT);
  CREATE TEMP TABLE import_applications (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, from_state TEXT, revision INTEGER NOT NULL, ref TEXT NOT NULL,
    practitioner_id TEXT NOT NULL, licence_year INTEGER NOT NULL, submitted_at TEXT NOT NULL,
    cpd_points INTEGER NOT NULL, declaration_accepted INTEGER NOT NULL, disclosures TEXT NOT NULL,
    centre_id TEXT NOT NULL, centre_text TEXT NOT NULL, sort_name TEXT NOT NULL, cadre TEXT NOT NULL,
    county TEXT NOT NULL, snapshot TEXT NOT NULL
  );`);
const UNSTAGE_SQL = sql.raw('DROP TABLE IF EXISTS temp.import_practitioners; DROP TABLE IF EXISTS temp.import_applications;');

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
export async function writeImport(
  db: WritableDB,
  actions: readonly Action[],
  meta: { now: string; actor: Actor; historyActor: string; progress?: (done: number, total: number) => Promise<void> },
): Promise<string[]> {
  const changed = actions.filter((a) => a.kind !== 'unchanged');
  if (changed.length === 0) return [];
  db.exec(UNSTAGE_SQL);
  db.exec(STAGE_SQL);
  try {
    const practitionerIds = upsertPractitioners(
      db,
      changed.map((a) => a.record),
      meta.now,
    );
    await inChunks(changed, meta.progress ?? (async () => {}), (chunk) => stageApplications(db, chunk, practitionerIds));
    // raw: set-based writes from the staged rows, one FTS5 flush per statement (QUALITY.md import budget)
    db.run(sql`INSERT INTO applications (id, application_ref, practitioner_id, licence_year, submitted_at, cpd_points,
        declaration_accepted, disclosures, centre_id, centre_text, state, grid_state, revision, sort_name, cadre, county, updated_at)
      SELECT id, ref, practitioner_id, licence_year, submitted_at, cpd_points, declaration_accepted, disclosures,
        centre_id, centre_text, 'submitted', 'submitted', 1, sort_name, cadre, county, ${meta.now}
      FROM temp.import_applications WHERE kind = 'insert' ORDER BY rowid`);
    db.run(sql`UPDATE applications SET licence_year = s.licence_year, submitted_at = s.submitted_at, cpd_points = s.cpd_points,
        declaration_accepted = s.declaration_accepted, disclosures = s.disclosures, centre_id = s.centre_id,
        centre_text = s.centre_text, state = 'submitted', grid_state = 'submitted', revision = s.revision, decided_by = NULL, decided_at = NULL,
        decision_reason = NULL, sort_name = s.sort_name, cadre = s.cadre, county = s.county,
        version = applications.version + 1, updated_at = ${meta.now}
      FROM temp.import_applications s WHERE s.kind = 'resubmit' AND applications.id = s.id`);
    db.run(sql`INSERT INTO application_history (application_id, at, actor_id, actor_name, action, from_state, to_state, revision, snapshot)
      SELECT id, ${meta.now}, ${meta.actor.id}, ${meta.historyActor}, CASE kind WHEN 'insert' THEN 'submitted' ELSE 'resubmit' END,
        from_state, 'submitted', revision, snapshot
      FROM temp.import_applications ORDER BY rowid`);
    return [...new Set(practitionerIds.values())];
  } finally {
    db.exec(UNSTAGE_SQL);
  }
}

function stageApplications(db: WritableDB, changed: readonly Action[], practitionerIds: Map<string, string>): void {
  for (const action of changed) {
    if (action.kind === 'unchanged') continue;
    const r = action.record;
    const [id, fromState, revision] = action.kind === 'insert' ? [newId(), null, 1] : [action.existing.id, action.existing.state, action.existing.revision + 1];
    db.run(sql`INSERT INTO temp.import_applications (id, kind, from_state, revision, ref, practitioner_id, licence_year,
        submitted_at, cpd_points, declaration_accepted, disclosures, centre_id, centre_text, sort_name, cadre, county, snapshot)
      VALUES (${id}, ${action.kind}, ${fromState}, ${revision}, ${r.applicationRef}, ${practitionerIds.get(r.nationalId)!},
        ${r.licenceYear}, ${r.submittedAt}, ${r.cpdPoints}, ${r.declarationAccepted ? 1 : 0}, ${r.disclosures}, ${r.centreId},
        ${r.centreText}, ${sortName(r)}, ${r.cadre}, ${r.county}, ${JSON.stringify(recordContent(r))})`);
  }
}

/**
 * One practitioner per national ID. New ones are active on the register (there is no register
 * import yet). An existing one takes the contact details of the newest row, unless a newer
 * application of theirs is already stored. Returns national ID → practitioner id.
 */
function upsertPractitioners(db: WritableDB, records: readonly ApplicationRecord[], now: string): Map<string, string> {
  const newest = new Map<string, ApplicationRecord>();
  for (const r of records) {
    const seen = newest.get(r.nationalId);
    if (!seen || r.submittedAt >= seen.submittedAt) newest.set(r.nationalId, r);
  }
  const ids = new Map<string, string>();
  for (const [nationalId, r] of newest) {
    const values = practitionerValues(r);
    const existing = db.first(db.selectFrom('practitioners').selectAll().where('national_id', '=', nationalId));
    if (!existing) {
      const id = newId();
      db.run(db.insertInto('practitioners').values({ id, national_id: nationalId, ...values, register_status: 'active', updated_at: now }));
      ids.set(nationalId, id);
      continue;
    }
    ids.set(nationalId, existing.id);
    if (!PRACTITIONER_FIELDS.some((f) => existing[f] !== values[f])) continue;
    const newestStored =
      db.first(
        db
          .selectFrom('applications')
          .select((eb) => eb.fn.max('submitted_at').as('at'))
          .where('practitioner_id', '=', existing.id),
      )?.at ?? null;
    if (newestStored === null || newestStored <= r.submittedAt) {
      db.run(sql`INSERT INTO temp.import_practitioners (id, ${columns(PRACTITIONER_FIELDS)})
        VALUES (${existing.id}, ${sql.join(PRACTITIONER_FIELDS.map((f) => values[f]))})`);
    }
  }
  // raw: one set-based update of the staged practitioners, one FTS5 flush (QUALITY.md import budget)
  db.run(sql`UPDATE practitioners SET ${sql.join(PRACTITIONER_FIELDS.map((f) => sql`${sql.ref(f)} = ${sql.ref(`u.${f}`)}`))},
      version = practitioners.version + 1, updated_at = ${now}
    FROM temp.import_practitioners u WHERE practitioners.id = u.id`);
  return ids;
}
