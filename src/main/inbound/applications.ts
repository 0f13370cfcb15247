import { matchHeaders } from '../../shared/headers.js';
import { UserError } from '../../shared/errors.js';
import { defineCommand } from '../core/registry.js';
import { refreshStoredFlags } from '../applications/flags.js';
import { RECEIVED_FROM_ECITIZEN, writeImport } from '../applications/import/apply.js';
import { centreMatcher, loadCentres } from '../applications/import/centres.js';
import { APPLICATION_COLUMNS, type ImportProblem } from '../applications/import/columns.js';
import { planImport } from '../applications/import/plan.js';
import { validateRow } from '../applications/import/validate.js';
import { objectRow, problemIssues, problemsText } from './fields.js';

/**
 * `applications.receive`: one application object as eCitizen posts it to the central service.
 * The same checks and plan as a file import (new, unchanged, resubmission of a returned
 * application, or a change that is refused); an object already stored as it is changes nothing
 * and is answered `duplicate`.
 */
export const applicationsReceive = defineCommand('applications.receive', async (ctx, input) => {
  const { headers, cells, notScalar } = objectRow(input.application);
  const match = matchHeaders(headers, APPLICATION_COLUMNS);
  const problems: ImportProblem[] = [
    ...notScalar.map((key) => ({ line: 1, field: key, message: 'must be text, a number, true/false or null' })),
    ...match.duplicates.map((d) => ({
      line: 1,
      field: d.name,
      message: `is given ${d.positions.length} times (${d.positions.map((i) => headers[i]).join(', ')})`,
    })),
  ];
  const row = validateRow({ line: 1, cells }, match.index, headers.length, {
    now: ctx.now,
    findCentre: centreMatcher(loadCentres(ctx.db)),
  });
  const missing = new Set<string>(match.missing);
  problems.push(...row.problems.map((p) => (p.field !== undefined && missing.has(p.field) ? { ...p, message: 'is missing' } : p)));
  if (problems.length > 0 || !row.record) {
    throw new UserError('invalid_input', problemsText(problems), { issues: problemIssues(problems) });
  }
  const record = row.record;

  const plan = planImport(ctx.db, [record]);
  const action = plan.actions[0];
  if (plan.problems.length > 0 || !action) {
    throw new UserError('conflict', problemsText(plan.problems.map((p) => ({ message: p.message }))));
  }
  const findId = () => ctx.db.first(ctx.db.selectFrom('applications').select('id').where('application_ref', '=', record.applicationRef))!.id;
  if (action.kind === 'unchanged') {
    ctx.changedNothing();
    return { outcome: 'duplicate' as const, applicationRef: record.applicationRef, applicationId: findId() };
  }

  const practitionerIds = await writeImport(ctx.db, [action], { now: ctx.now, actor: ctx.actor, historyActor: RECEIVED_FROM_ECITIZEN });
  refreshStoredFlags(ctx.db, Number(ctx.desk.setting('review.cpdThreshold')), practitionerIds);
  const applicationId = findId();
  const outcome = action.kind === 'insert' ? ('new' as const) : ('resubmitted' as const);
  const revision = action.kind === 'insert' ? 1 : action.existing.revision + 1;
  ctx.audit({
    action: 'applications.receive',
    entity: 'application',
    entityId: applicationId,
    summary:
      outcome === 'new'
        ? `Application ${record.applicationRef} received from eCitizen`
        : `Application ${record.applicationRef} resubmitted on eCitizen (revision ${revision})`,
    after: { applicationRef: record.applicationRef, nationalId: record.nationalId, licenceYear: record.licenceYear, revision },
  });
  return { outcome, applicationRef: record.applicationRef, applicationId };
});
