import type { InferResult } from 'kysely';
import type { ReviewFlag } from '../../shared/contract/applications.js';
import { reviewFlags } from '../../shared/reviewFlags.js';
import { statements, type ReadableDB, type WritableDB } from '../db/handles.js';

/** What an application's review flags are made of, with the flags stored now. */
function facts() {
  return statements
    .selectFrom('applications as a')
    .innerJoin('practitioners as p', 'p.id', 'a.practitioner_id')
    .leftJoin('centres as c', 'c.id', 'a.centre_id')
    .select((eb) => [
      'a.id',
      'a.cpd_points',
      'a.declaration_accepted',
      'a.disclosures',
      'a.centre_text',
      'a.flags',
      'a.flag_count',
      'p.register_status',
      'p.phone',
      'c.name as centre_name',
      'c.active as centre_active',
      eb
        .selectFrom('applications as o')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('o.practitioner_id', '=', 'a.practitioner_id')
        .whereRef('o.licence_year', '=', 'a.licence_year')
        .whereRef('o.id', '<>', 'a.id')
        .where('o.state', 'in', ['approved', 'paid', 'licensed'])
        .as('other_decided'),
    ]);
}
type FactsRow = InferResult<ReturnType<typeof facts>>[number];

function toFlags(r: FactsRow, cpdThreshold: number): ReviewFlag[] {
  return reviewFlags({
    cpdPoints: r.cpd_points,
    cpdThreshold,
    registerStatus: r.register_status,
    otherDecidedForYear: r.other_decided ?? 0,
    declarationAccepted: r.declaration_accepted === 1,
    disclosures: r.disclosures,
    phone: r.phone,
    centre: r.centre_name === null ? null : { name: r.centre_name, active: r.centre_active === 1 },
    centreText: r.centre_text,
  });
}

/** A decision reads one application's facts and refreshes its practitioner's that year: built once (compileOnce). */
const factsOf = (id: string) => facts().where('a.id', '=', id);
const factsOfPractitioner = (practitionerId: string) => facts().where('a.practitioner_id', '=', practitionerId);
const factsOfPractitionerYear = (practitionerId: string, licenceYear: number) =>
  facts().where('a.practitioner_id', '=', practitionerId).where('a.licence_year', '=', licenceYear);

export function flagsForApplication(db: ReadableDB, id: string, cpdThreshold: number): ReviewFlag[] {
  const row = db.compileOnce(factsOf).first(id);
  return row ? toFlags(row, cpdThreshold) : [];
}

/**
 * Stores each application's flags for the queue's "flagged" filter. Pass the practitioners whose
 * applications changed, or nothing to refresh every application (after a threshold change);
 * and a licence year when only that year's applications of theirs can have changed (a decision
 * counts for the other applications of the same year only). Only the applications whose flags
 * changed are written.
 */
export function refreshStoredFlags(db: WritableDB, cpdThreshold: number, practitionerIds?: string[], licenceYear?: number): void {
  const apply = (rows: Iterable<FactsRow>) => {
    for (const r of rows) {
      const flags = toFlags(r, cpdThreshold);
      const kinds = flags.map((f) => f.kind).join(' ');
      if (kinds === r.flags && flags.length === r.flag_count) continue;
      db.run(db.updateTable('applications').set({ flags: kinds, flag_count: flags.length }).where('id', '=', r.id));
    }
  };
  if (!practitionerIds) {
    apply(db.all(facts()));
    return;
  }
  for (const pid of new Set(practitionerIds)) {
    apply(licenceYear === undefined ? db.compileOnce(factsOfPractitioner).all(pid) : db.compileOnce(factsOfPractitionerYear).all(pid, licenceYear));
  }
}
