import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { formatLicenceNo, pendingLicenceNo } from '../../shared/licenceState.js';
import { UserError } from '../../shared/errors.js';
import { nairobiDayStart } from '../../shared/time.js';
import { newId } from '../core/ids.js';
import { defineCommand } from '../core/registry.js';
import { recordLicenceHistory } from './rows.js';
import { signingKey } from './boardKey.js';
import { qrPayload } from './signing.js';

/** Takes the next number of the year inside the caller's transaction: numbers stay gapless. */
export function nextSequence(sqlite: BetterSqlite3.Database, year: number): number {
  return sqlite
    .prepare('INSERT INTO licence_sequences (licence_year, last) VALUES (?, 1) ON CONFLICT (licence_year) DO UPDATE SET last = last + 1 RETURNING last')
    .pluck()
    .get(year) as number;
}

interface PaidApplication {
  id: string; application_ref: string; state: string; licence_year: number; practitioner_id: string;
  centre_id: string | null; centre_name: string | null; centre_active: number | null; revision: number;
  national_id: string; holder_name: string;
}

/**
 * Issues licences for paid applications, singly or in bulk, each assigned to the centre the
 * applicant chose. The desk is the authority that numbers them while no sync server is set.
 */
export const licenceIssue = defineCommand('licence.issue', async (_tx, ctx, input) => {
  const { sqlite, now, actor } = ctx;
  const select = `SELECT a.id, a.application_ref, a.state, a.licence_year, a.practitioner_id, a.centre_id, a.revision,
                         c.name AS centre_name, c.active AS centre_active, p.national_id,
                         trim(p.first_name || ' ' || CASE WHEN p.middle_name <> '' THEN p.middle_name || ' ' ELSE '' END || p.last_name) AS holder_name
                  FROM applications a JOIN practitioners p ON p.id = a.practitioner_id LEFT JOIN centres c ON c.id = a.centre_id`;
  const apps = input.applicationIds.length
    ? input.applicationIds.map((id) => {
        const app = sqlite.prepare(`${select} WHERE a.id = ?`).get(id) as PaidApplication | undefined;
        if (!app) throw new UserError('not_found', `No application with id ${id}.`);
        return app;
      })
    : (sqlite.prepare(`${select} WHERE a.state = 'paid' ORDER BY a.submitted_at, a.id`).all() as PaidApplication[]);
  const problems = apps.flatMap((a) =>
    a.state !== 'paid' ? [`${a.application_ref} is ${a.state}, not paid`]
      : !a.centre_id ? [`${a.application_ref} has no known collection centre`]
        : a.centre_active !== 1 ? [`${a.application_ref}: ${a.centre_name} is inactive and cannot receive new licences`] : []);
  if (problems.length) {
    throw new UserError('invalid_transition', problems.length === 1 ? `${problems[0]}.` : `${problems.length} applications cannot be licensed: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}.`);
  }
  if (apps.length === 0) throw new UserError('invalid_input', 'There are no paid applications to license.');

  const prefix = ctx.desk.setting('licence.prefix');
  // A desk that syncs does not number or sign: the central service does, and its answer replaces these.
  const numberedHere = !ctx.desk.syncEnabled();
  const key = numberedHere ? signingKey(ctx.desk, sqlite, now) : null;
  const insert = sqlite.prepare(
    `INSERT INTO licences (id, licence_no, licence_year, sequence, application_id, practitioner_id, centre_id, state, valid_from, valid_to,
       issued_at, issued_by, state_since, qr_payload, updated_at)
     VALUES (@id, @licenceNo, @year, @sequence, @applicationId, @practitionerId, @centreId, 'issued', @validFrom, @validTo, @now, @actorId, @now, @qr, @now)`,
  );
  const license = sqlite.prepare(`UPDATE applications SET state = 'licensed', version = version + 1, updated_at = ? WHERE id = ? AND state = 'paid'`);
  const appHistory = sqlite.prepare(
    `INSERT INTO application_history (application_id, at, actor_id, actor_name, action, from_state, to_state, reason, revision) VALUES (?, ?, ?, ?, 'license', 'paid', 'licensed', ?, ?)`,
  );
  const issued = apps.map((a) => {
    const id = newId();
    // Pending numbers count down from -1 in a sequence of their own, clear of the real ones.
    const sequence = numberedHere ? nextSequence(sqlite, a.licence_year) : -nextSequence(sqlite, -a.licence_year);
    const licenceNo = numberedHere ? formatLicenceNo(prefix, a.licence_year, sequence) : pendingLicenceNo(id);
    insert.run({
      id, licenceNo, year: a.licence_year, sequence, applicationId: a.id, practitionerId: a.practitioner_id, centreId: a.centre_id,
      validFrom: nairobiDayStart(`${a.licence_year}-01-01`), validTo: nairobiDayStart(`${a.licence_year + 1}-01-01`), now, actorId: actor.id,
      qr: key ? qrPayload(key, { licenceNo, licenceYear: a.licence_year, nationalId: a.national_id, holderName: a.holder_name }) : '',
    });
    license.run(now, a.id);
    appHistory.run(a.id, now, actor.id, actor.username, licenceNo, a.revision);
    recordLicenceHistory(sqlite, { licenceId: id, at: now, actorId: actor.id, actorName: actor.username, action: 'issue', from: null, to: 'issued', centreId: a.centre_id });
    return { licenceId: id, licenceNo, applicationId: a.id };
  });
  ctx.audit({
    action: 'licence.issue', entity: 'licence', entityId: issued.length === 1 ? issued[0]!.licenceId : null,
    summary: issued.length === 1 ? `Licence ${issued[0]!.licenceNo} issued` : `${issued.length} licences issued, ${issued[0]!.licenceNo} to ${issued[issued.length - 1]!.licenceNo}`,
    after: { licences: issued.map((l) => l.licenceNo) },
  });
  return { issued };
});
