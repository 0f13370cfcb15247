import type { ReadableDB } from '../../db/handles.js';
import type { ApplicationRecord, ImportProblem } from './columns.js';
import { contentFromRow, recordContent, sameContent, type RecordContent, type StoredRow } from './content.js';

export interface Existing {
  id: string;
  state: string;
  revision: number;
}

/** What the import will do with each valid row. */
export type Action =
  | { kind: 'insert'; record: ApplicationRecord }
  | { kind: 'unchanged'; record: ApplicationRecord }
  | { kind: 'resubmit'; record: ApplicationRecord; existing: Existing };

function withPractitioner(db: ReadableDB) {
  return db.selectFrom('applications as a').innerJoin('practitioners as p', 'p.id', 'a.practitioner_id');
}

/** The application stored under a reference, with the content of its newest revision's snapshot. */
function existing(db: ReadableDB, applicationRef: string) {
  return db.first(
    withPractitioner(db)
      .select((eb) => [
        'a.id',
        'a.state',
        'a.revision',
        'p.national_id',
        eb
          .selectFrom('application_history as h')
          .select('h.snapshot')
          .whereRef('h.application_id', '=', 'a.id')
          .where('h.snapshot', 'is not', null)
          .orderBy('h.id', 'desc')
          .limit(1)
          .as('snapshot'),
      ])
      .where('a.application_ref', '=', applicationRef),
  );
}

/** An application's content from its current rows (one made some other way has no snapshot). */
function storedRow(db: ReadableDB, id: string): StoredRow | undefined {
  return db.first(
    withPractitioner(db)
      .select([
        'a.application_ref',
        'a.submitted_at',
        'a.licence_year',
        'a.cpd_points',
        'a.centre_text',
        'a.declaration_accepted',
        'a.disclosures',
        'p.national_id',
        'p.registration_no',
        'p.first_name',
        'p.middle_name',
        'p.last_name',
        'p.phone_raw',
        'p.email',
        'p.cadre',
        'p.qualification',
        'p.county',
        'p.employer',
      ])
      .where('a.id', '=', id),
  );
}

/**
 * Compares each row with what is stored under its application reference: new, the same as
 * before, a resubmission of a returned application, or a change we refuse.
 */
export function planImport(db: ReadableDB, records: readonly ApplicationRecord[]): { actions: Action[]; problems: ImportProblem[] } {
  const actions: Action[] = [];
  const problems: ImportProblem[] = [];
  for (const record of records) {
    const row = existing(db, record.applicationRef);
    if (!row) {
      actions.push({ kind: 'insert', record });
      continue;
    }
    const problem = (message: string) => problems.push({ line: record.line, field: 'application_ref', message });
    if (row.national_id !== record.nationalId) {
      problem(`application ${record.applicationRef} belongs to another national ID; it cannot be moved by import`);
      continue;
    }
    const stored: Partial<RecordContent> = row.snapshot ? (JSON.parse(row.snapshot) as Partial<RecordContent>) : contentFromRow(storedRow(db, row.id)!);
    if (sameContent(recordContent(record), stored)) actions.push({ kind: 'unchanged', record });
    else if (row.state === 'returned') actions.push({ kind: 'resubmit', record, existing: row });
    else if (row.state === 'submitted')
      problem(`application ${record.applicationRef} was already imported with other details and is not decided yet; it cannot be changed by import`);
    else problem(`application ${record.applicationRef} is ${row.state}: already decided; cannot be changed by import`);
  }
  return { actions, problems };
}
