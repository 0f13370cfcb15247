import { formatLicenceNo, pendingLicenceNo } from '../../shared/licenceState.js';
import { UserError } from '../../shared/errors.js';
import { nairobiDayStart } from '../../shared/time.js';
import { newId } from '../core/ids.js';
import { defineCommand } from '../core/registry.js';
import type { ReadableDB, WritableDB } from '../db/handles.js';
import { holderName, inChunks, recordLicenceHistory } from './rows.js';
import { signingKey } from './boardKey.js';
import { qrPayload } from './signing.js';

/**
 * Takes the next `count` numbers of the year inside the caller's transaction, so that numbers
 * stay gapless; answers the first of them.
 */
function takeNumbers(db: WritableDB, year: number, count: number): number {
  db.run(
    db
      .insertInto('licence_sequences')
      .values({ licence_year: year, last: count })
      .onConflict((oc) => oc.column('licence_year').doUpdateSet((eb) => ({ last: eb('licence_sequences.last', '+', count) }))),
  );
  const { last } = db.first(db.selectFrom('licence_sequences').select('last').where('licence_year', '=', year))!;
  return last - count + 1;
}

/** Numbers the licences of each year in the order given: the Board's numbers, or pending ones counting down from -1 in a sequence of their own. */
function sequences(db: WritableDB, years: number[], numberedHere: boolean): number[] {
  const next = new Map<number, number>();
  for (const year of years) next.set(year, (next.get(year) ?? 0) + 1);
  for (const [year, count] of next) next.set(year, takeNumbers(db, numberedHere ? year : -year, count));
  return years.map((year) => {
    const n = next.get(year)!;
    next.set(year, n + 1);
    return numberedHere ? n : -n;
  });
}

function applications(db: ReadableDB) {
  return db
    .selectFrom('applications as a')
    .innerJoin('practitioners as p', 'p.id', 'a.practitioner_id')
    .leftJoin('centres as c', 'c.id', 'a.centre_id')
    .select([
      'a.id',
      'a.application_ref',
      'a.state',
      'a.licence_year',
      'a.practitioner_id',
      'a.centre_id',
      'a.revision',
      'c.name as centre_name',
      'c.active as centre_active',
      'p.national_id',
      holderName.as('holder_name'),
    ]);
}

/** The applications asked for, in the order asked; every paid one when none is named. */
function applicationsToLicense(db: ReadableDB, ids: readonly string[]) {
  if (ids.length === 0) return db.all(applications(db).where('a.state', '=', 'paid').orderBy('a.submitted_at').orderBy('a.id'));
  const found = new Map(
    inChunks([...new Set(ids)])
      .flatMap((part) => db.all(applications(db).where('a.id', 'in', part)))
      .map((a) => [a.id, a]),
  );
  return ids.map((id) => {
    const app = found.get(id);
    if (!app) throw new UserError('not_found', `No application with id ${id}.`);
    return app;
  });
}

/**
 * Issues licences for paid applications, singly or in bulk, each assigned to the centre the
 * applicant chose. The desk is the authority that numbers them while no sync server is set.
 */
export const licenceIssue = defineCommand('licence.issue', async (ctx, input) => {
  const { db, now, actor } = ctx;
  const apps = applicationsToLicense(db, input.applicationIds);
  const problems = apps.flatMap((a) =>
    a.state !== 'paid'
      ? [`${a.application_ref} is ${a.state}, not paid`]
      : !a.centre_id
        ? [`${a.application_ref} has no known collection centre`]
        : a.centre_active !== 1
          ? [`${a.application_ref}: ${a.centre_name} is inactive and cannot receive new licences`]
          : [],
  );
  if (problems.length) {
    throw new UserError(
      'invalid_transition',
      problems.length === 1
        ? `${problems[0]}.`
        : `${problems.length} applications cannot be licensed: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}.`,
    );
  }
  if (apps.length === 0) throw new UserError('invalid_input', 'There are no paid applications to license.');

  const prefix = ctx.desk.setting('licence.prefix');
  // A desk that syncs does not number or sign: the central service does, and its answer replaces these.
  const numberedHere = !ctx.desk.syncEnabled();
  const key = numberedHere ? signingKey(ctx.desk, db, now) : null;
  const numbers = sequences(
    db,
    apps.map((a) => a.licence_year),
    numberedHere,
  );
  const licences = apps.map((a, i) => {
    const id = newId();
    const sequence = numbers[i]!;
    const licenceNo = numberedHere ? formatLicenceNo(prefix, a.licence_year, sequence) : pendingLicenceNo(id);
    return {
      id,
      licence_no: licenceNo,
      licence_year: a.licence_year,
      sequence,
      application_id: a.id,
      practitioner_id: a.practitioner_id,
      centre_id: a.centre_id!,
      state: 'issued' as const,
      valid_from: nairobiDayStart(`${a.licence_year}-01-01`),
      valid_to: nairobiDayStart(`${a.licence_year + 1}-01-01`),
      issued_at: now,
      issued_by: actor.id,
      state_since: now,
      updated_at: now,
      qr_payload: key ? qrPayload(key, { licenceNo, licenceYear: a.licence_year, nationalId: a.national_id, holderName: a.holder_name }) : '',
    };
  });
  const revisions = new Map(apps.map((a) => [a.id, a.revision]));
  for (const part of inChunks(licences)) {
    db.run(db.insertInto('licences').values(part));
    db.run(
      db
        .updateTable('applications')
        .set((eb) => ({ state: 'licensed', version: eb('version', '+', 1), updated_at: now }))
        .where(
          'id',
          'in',
          part.map((l) => l.application_id),
        )
        .where('state', '=', 'paid'),
    );
    db.run(
      db.insertInto('application_history').values(
        part.map((l) => ({
          application_id: l.application_id,
          at: now,
          actor_id: actor.id,
          actor_name: actor.username,
          action: 'license',
          from_state: 'paid',
          to_state: 'licensed',
          reason: l.licence_no,
          revision: revisions.get(l.application_id)!,
        })),
      ),
    );
    recordLicenceHistory(
      ctx,
      part.map((l) => ({ licenceId: l.id, action: 'issue', from: null, to: 'issued', centreId: l.centre_id })),
    );
  }
  const issued = licences.map((l) => ({ licenceId: l.id, licenceNo: l.licence_no, applicationId: l.application_id }));
  ctx.audit({
    action: 'licence.issue',
    entity: 'licence',
    entityId: issued.length === 1 ? issued[0]!.licenceId : null,
    summary:
      issued.length === 1
        ? `Licence ${issued[0]!.licenceNo} issued`
        : `${issued.length} licences issued, ${issued[0]!.licenceNo} to ${issued[issued.length - 1]!.licenceNo}`,
    after: { licences: issued.map((l) => l.licenceNo) },
  });
  return { issued };
});
