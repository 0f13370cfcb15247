import { createHash } from 'node:crypto';
import type { ImportReport } from '../../../shared/contract/applications.js';
import { UserError } from '../../../shared/errors.js';
import { newId } from '../../core/ids.js';
import { defineCommand } from '../../core/registry.js';
import { refreshStoredFlags } from '../flags.js';
import { importedFrom, writeImport } from './apply.js';
import { centreMatcher, loadCentres } from './centres.js';
import type { ImportProblem } from './columns.js';
import { planImport } from './plan.js';
import { readTable } from './readTable.js';
import { validateTable } from './validate.js';

/**
 * `applications.import`: a CSV or XLSX file of applications from eCitizen. The file lands whole
 * or not at all: any problem and nothing is written. A dry run reports the problems and what
 * would happen, and writes nothing.
 */
export const importApplications = defineCommand(
  'applications.import',
  async (ctx, input, { table, sha256 }: Prepared) => {
    const { fileName, dryRun } = input;
    let rowsRead = 0;
    let problems: ImportProblem[];
    let warnings: ImportProblem[] = [];
    let counts = { imported: 0, resubmitted: 0, unchanged: 0 };
    let plan: ReturnType<typeof planImport> | null = null;
    if (!table.ok) {
      problems = table.problems;
    } else {
      const validated = validateTable(table.table, { now: ctx.now, findCentre: centreMatcher(loadCentres(ctx.db)) });
      rowsRead = validated.rowsRead;
      warnings = validated.warnings;
      plan = planImport(ctx.db, validated.records);
      problems = [...validated.problems, ...plan.problems].sort((a, b) => a.line - b.line);
      for (const action of plan.actions) {
        if (action.kind === 'insert') counts.imported++;
        else if (action.kind === 'resubmit') counts.resubmitted++;
        else counts.unchanged++;
      }
    }
    if (problems.length > 0) counts = { imported: 0, resubmitted: 0, unchanged: 0 };
    const report: ImportReport = { fileName, dryRun, rowsRead, ...counts, problems, warnings };
    const summary = `${fileName}: ${rowsRead} rows, ${counts.imported} imported, ${counts.resubmitted} resubmitted, ${counts.unchanged} unchanged`;

    if (dryRun) {
      ctx.changedNothing();
      return report;
    }
    if (problems.length > 0 || !plan) {
      throw new UserError('import_failed', `${fileName}: ${plural(problems.length, 'problem')}; nothing was imported`, {
        issues: problems.map((p) => ({ where: `line ${p.line}${p.field ? `, ${p.field}` : ''}`, message: p.message })),
      });
    }

    const practitionerIds = await writeImport(ctx.db, plan.actions, {
      now: ctx.now,
      actor: ctx.actor,
      historyActor: importedFrom(fileName, ctx.actor),
      progress: ctx.progress,
    });
    if (practitionerIds.length > 0) {
      refreshStoredFlags(ctx.db, Number(ctx.desk.setting('review.cpdThreshold')), practitionerIds);
    }
    const importId = newId();
    // `imported` counts the rows that changed something: new applications and resubmissions.
    ctx.db.run(
      ctx.db.insertInto('imports').values({
        id: importId,
        kind: 'applications',
        file_name: fileName,
        file_sha256: sha256,
        rows: rowsRead,
        imported: counts.imported + counts.resubmitted,
        at: ctx.now,
        actor_name: ctx.actor.username,
      }),
    );
    ctx.audit({
      action: 'applications.import',
      entity: 'import',
      entityId: importId,
      summary,
      after: { fileName, sha256, rows: rowsRead, ...counts },
    });
    return report;
  },
  { prepare },
);

interface Prepared {
  table: Awaited<ReturnType<typeof readTable>>;
  sha256: string;
}

/** Reading and parsing the file happens before the transaction opens. */
async function prepare(input: { fileName: string; dataBase64: string }): Promise<Prepared> {
  const bytes = Buffer.from(input.dataBase64, 'base64');
  return { table: await readTable(input.fileName, bytes), sha256: createHash('sha256').update(bytes).digest('hex') };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
