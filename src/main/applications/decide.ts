import { nextState, refusalMessage, type ApplicationAction, type ApplicationState } from '../../shared/applicationState.js';
import type { DecisionResult } from '../../shared/contract/applications.js';
import type { SmsEvent } from '../../shared/contract/sms.js';
import { UserError } from '../../shared/errors.js';
import { formatKes } from '../../shared/money.js';
import { raiseInvoice } from '../billing/invoice.js';
import { defineCommand, type CommandContext } from '../core/registry.js';
import { statements } from '../db/handles.js';
import { queueSms, type Language } from '../sms/queue.js';
import { flagsForApplication, refreshStoredFlags } from './flags.js';
import { loadApplication, type ApplicationWithPractitioner } from './load.js';

const SMS_EVENT: Record<'approve' | 'reject' | 'return', SmsEvent> = { approve: 'approved', reject: 'rejected', return: 'returned' };

export function smsLanguage(app: Pick<ApplicationWithPractitioner, 'p_language'>, fallback: string): Language {
  return (app.p_language === 'sw' || app.p_language === 'en' ? app.p_language : fallback) as Language;
}

export function smsValues(app: ApplicationWithPractitioner, extra: { reason?: string; billRef?: string; amountCents?: number }) {
  return {
    name: app.p_first_name,
    ref: app.application_ref,
    year: String(app.licence_year),
    reason: extra.reason ?? '',
    billRef: extra.billRef ?? '',
    amount: extra.amountCents === undefined ? '' : formatKes(extra.amountCents),
    centre: app.centre_name ?? '',
    town: app.centre_town ?? '',
  };
}

/** Every decision writes its application and its history row: built once (compileOnce). */
const recordDecision = (
  id: string,
  state: ApplicationState,
  gridState: Exclude<ApplicationState, 'paid'>,
  decidedBy: string | null,
  at: string,
  reason: string | null,
) =>
  statements
    .updateTable('applications')
    .set((eb) => ({
      state,
      grid_state: gridState,
      decided_by: decidedBy,
      decided_at: at,
      decision_reason: reason,
      version: eb('version', '+', 1),
      updated_at: at,
    }))
    .where('id', '=', id);
const appendHistory = (
  applicationId: string,
  at: string,
  actorId: string | null,
  actorName: string,
  action: 'approve' | 'reject' | 'return',
  fromState: ApplicationState,
  toState: ApplicationState,
  reason: string | null,
  revision: number,
) =>
  statements.insertInto('application_history').values({
    application_id: applicationId,
    at,
    actor_id: actorId,
    actor_name: actorName,
    action,
    from_state: fromState,
    to_state: toState,
    reason,
    revision,
  });

function decide(ctx: CommandContext, action: 'approve' | 'reject' | 'return', applicationId: string, reason: string | undefined): DecisionResult {
  const { db, now, actor } = ctx;
  const app = loadApplication(db, applicationId);
  const to = nextState(app.state, action as ApplicationAction);
  if (!to) throw new UserError('invalid_transition', refusalMessage(app.state, action));

  const threshold = Number(ctx.desk.setting('review.cpdThreshold'));
  const flags = flagsForApplication(db, app.id, threshold);
  if (action === 'approve' && flags.length > 0 && !reason) {
    throw new UserError(
      'invalid_input',
      `This application has ${flags.length} review flag${flags.length > 1 ? 's' : ''}: give a reason for approving it anyway.`,
      { field: 'reason' },
    );
  }

  const invoice = action === 'approve' ? raiseInvoice(ctx.db, app, now) : null;
  // The grid's state is written here (migration 013's trigger would write the row a second time to put it right).
  db.compileOnce(recordDecision).run(app.id, to, to === 'paid' ? 'approved' : to, actor.id, now, reason ?? null);
  db.compileOnce(appendHistory).run(app.id, now, actor.id, actor.username, action, app.state, to, reason ?? null, app.revision);
  if (action === 'approve') refreshStoredFlags(db, threshold, [app.practitioner_id], app.licence_year);

  const sms = queueSms(ctx.db, {
    event: SMS_EVENT[action],
    eventKey: `${SMS_EVENT[action]}:${app.id}:${app.revision}`,
    applicationId: app.id,
    phone: app.p_phone,
    language: smsLanguage(app, ctx.desk.setting('sms.defaultLanguage')),
    values: smsValues(app, { reason, billRef: invoice?.billRef, amountCents: invoice?.amountDueCents }),
    at: now,
  });
  if (sms.smsId) ctx.afterCommit(() => ctx.desk.notifySmsQueued());

  ctx.audit({
    action: `application.${action}`,
    entity: 'application',
    entityId: app.id,
    summary: `${app.application_ref} ${to}${reason ? `: ${reason}` : ''}${invoice ? ` (bill ${invoice.billRef}, ${formatKes(invoice.amountDueCents)})` : ''}`,
    before: { state: app.state, decidedBy: app.decided_by, decisionReason: app.decision_reason },
    after: { state: to, decidedBy: actor.id, decisionReason: reason ?? null, billRef: invoice?.billRef, amountDueCents: invoice?.amountDueCents },
  });
  return {
    applicationId: app.id,
    state: to,
    ...(invoice ? { billRef: invoice.billRef, amountDueCents: invoice.amountDueCents } : {}),
    smsId: sms.smsId,
    ...(sms.problem ? { smsProblem: sms.problem } : {}),
  };
}

export const approve = defineCommand('application.approve', async (ctx, input) => decide(ctx, 'approve', input.applicationId, input.reason || undefined));
export const reject = defineCommand('application.reject', async (ctx, input) => decide(ctx, 'reject', input.applicationId, input.reason));
export const returnForInformation = defineCommand('application.return', async (ctx, input) => decide(ctx, 'return', input.applicationId, input.reason));
