import { UserError } from '../../shared/errors.js';
import { statements, type ReadableDB } from '../db/handles.js';
import type { ApplicationsTable } from '../db/schema.js';

export type ApplicationWithPractitioner = Omit<ApplicationsTable, 'revision' | 'version' | 'grid_state'> & {
  revision: number;
  version: number;
  p_first_name: string;
  p_last_name: string;
  p_phone: string | null;
  p_language: string;
  centre_name: string | null;
  centre_town: string | null;
};

/** Every decision loads its application: built once (compileOnce). */
const applicationById = (id: string) =>
  statements
    .selectFrom('applications as a')
    .innerJoin('practitioners as p', 'p.id', 'a.practitioner_id')
    .leftJoin('centres as c', 'c.id', 'a.centre_id')
    .selectAll('a')
    .select([
      'p.first_name as p_first_name',
      'p.last_name as p_last_name',
      'p.phone as p_phone',
      'p.language as p_language',
      'c.name as centre_name',
      'c.town as centre_town',
    ])
    .where('a.id', '=', id);

export function loadApplication(db: ReadableDB, id: string): ApplicationWithPractitioner {
  const row = db.compileOnce(applicationById).first(id);
  if (!row) throw new UserError('not_found', `No application with id ${id}.`);
  return row;
}
