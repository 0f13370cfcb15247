import type { ApplicationDetail, SmsPreview } from '../../shared/contract/applications.js';
import { normalisePhone } from '../../shared/phone.js';
import { feeFor } from '../billing/invoice.js';
import { defineQuery } from '../core/registry.js';
import { sql } from '../db/handles.js';
import { composeSms } from '../sms/queue.js';
import { smsLanguage, smsValues } from './decide.js';
import { flagsForApplication } from './flags.js';
import { loadApplication } from './load.js';

/** One application with its practitioner, invoice, decision, flags and history (the detail pane). */
export const applicationDetail = defineQuery('application.detail', async (ctx, input) => {
  const { db } = ctx;
  const app = loadApplication(db, input.id);
  const p = db.first(db.selectFrom('practitioners').selectAll().where('id', '=', app.practitioner_id))!;
  const invoice = db.first(
    db.selectFrom('invoices').select(['bill_ref', 'amount_due_cents', 'amount_paid_cents', 'state']).where('application_id', '=', app.id),
  );
  const decidedBy = app.decided_by ? (db.first(db.selectFrom('users').select('username').where('id', '=', app.decided_by))?.username ?? null) : null;
  // Submissions and resubmissions come only from imports. Those written before their entries
  // named the import (issue 17) hold the importing user's name alone: shown as an import too.
  const history = db.all(
    db
      .selectFrom('application_history')
      .select([
        'at',
        sql<string>`CASE WHEN action IN ('submitted', 'resubmit') AND actor_name NOT LIKE 'Imported %' AND actor_name NOT LIKE 'Received %'
        THEN 'Imported by ' || actor_name ELSE actor_name END`.as('actor'),
        'action',
        'from_state as fromState',
        'to_state as toState',
        'reason',
        'revision',
      ])
      .where('application_id', '=', app.id)
      .orderBy('id'),
  );
  const detail: ApplicationDetail = {
    id: app.id,
    applicationRef: app.application_ref,
    submittedAt: app.submitted_at,
    fullName: [p.first_name, p.middle_name, p.last_name].filter(Boolean).join(' '),
    nationalId: p.national_id,
    phone: app.p_phone,
    cadre: app.cadre,
    licenceYear: app.licence_year,
    cpdPoints: app.cpd_points,
    county: app.county,
    centreName: app.centre_name,
    state: app.state,
    flagCount: app.flag_count,
    revision: app.revision,
    registrationNo: p.registration_no,
    firstName: p.first_name,
    middleName: p.middle_name,
    lastName: p.last_name,
    email: p.email,
    qualification: p.qualification,
    employer: p.employer,
    registerStatus: p.register_status,
    declarationAccepted: app.declaration_accepted === 1,
    disclosures: app.disclosures,
    centreId: app.centre_id,
    centreText: app.centre_text,
    decidedBy,
    decidedAt: app.decided_at,
    decisionReason: app.decision_reason,
    flags: flagsForApplication(db, app.id, Number(ctx.desk.setting('review.cpdThreshold'))),
    invoice: invoice
      ? { billRef: invoice.bill_ref, amountDueCents: invoice.amount_due_cents, amountPaidCents: invoice.amount_paid_cents, state: invoice.state }
      : null,
    feeCents: feeFor(ctx.db, app.cadre, app.licence_year),
    history,
  };
  return detail;
});

/** The SMS the decision would send, so the officer sees it before confirming. */
export const applicationSmsPreview = defineQuery('application.smsPreview', async (ctx, input): Promise<SmsPreview> => {
  const { db } = ctx;
  const app = loadApplication(db, input.applicationId);
  const event = ({ approve: 'approved', reject: 'rejected', return: 'returned' } as const)[input.decision];
  const fee = feeFor(ctx.db, app.cadre, app.licence_year);
  const billRef =
    input.decision === 'approve'
      ? (db.first(db.selectFrom('invoices').select('bill_ref').where('application_id', '=', app.id))?.bill_ref ?? '(given on approval)')
      : undefined;
  const message = composeSms(
    ctx.db,
    event,
    smsLanguage(app, ctx.desk.setting('sms.defaultLanguage')),
    smsValues(app, {
      reason: input.reason?.trim() || '…',
      billRef,
      amountCents: fee ?? undefined,
    }),
  );
  const phone = normalisePhone(app.p_phone);
  const problems = [
    !phone.ok ? 'The phone number is not a valid Kenyan mobile number: this SMS cannot be sent.' : null,
    input.decision === 'approve' && fee === null ? `No fee is set for a ${app.cadre} in ${app.licence_year}.` : null,
  ].filter(Boolean);
  return {
    phone: phone.ok ? phone.msisdn : null,
    text: message.text,
    encoding: message.encoding,
    units: message.units,
    parts: message.parts,
    ...(problems.length ? { problem: problems.join(' ') } : {}),
  };
});
