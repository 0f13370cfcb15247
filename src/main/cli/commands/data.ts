import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { REPORT_FORMATS } from '../../../shared/contract/index.js';
import { UserError } from '../../../shared/errors.js';
import type { Actor } from '../../core/actor.js';
import type { WorkFollower } from '../../core/dispatch.js';
import type { Desk } from '../../desk.js';
import { exportReport } from '../../reports/export.js';
import { actorFor, progress, unwrap, withDesk, type GlobalOptions } from '../support.js';

/** Where a payments import read the references payers typed, as the command line says it. */
const REFERENCE_FROM: Record<string, string> = {
  'A/C No.': 'the A/C No. column',
  Details: 'Details ("Acc. ..."), as the statement has no A/C No. column',
  client_invoice_ref: 'the client_invoice_ref column',
};

function readFileBase64(file: string): string {
  try {
    return fs.readFileSync(file).toString('base64');
  } catch {
    throw new UserError('invalid_input', `Cannot read '${file}'.`);
  }
}

interface ImportReport {
  fileName: string;
  problems: readonly { line: number; field?: string | null; message: string }[];
  warnings: readonly { line: number; field?: string | null; message: string }[];
}

/** `import <what> <file> [--dry-run]`: runs the import on the file, prints its summary, problems and warnings, and fails when there were problems. */
function importCommand<R extends ImportReport>(
  imp: Command,
  program: Command,
  what: string,
  description: string,
  dryRunHelp: string,
  run: (desk: Desk, actor: Actor, input: { fileName: string; dataBase64: string; dryRun: boolean }, follow: WorkFollower) => Promise<R>,
  summary: (r: R) => string[],
): void {
  imp
    .command(`${what} <file>`)
    .description(description)
    .option('--dry-run', dryRunHelp)
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      const g = program.opts<GlobalOptions>();
      const dataBase64 = readFileBase64(file);
      await withDesk(g, async (desk) => {
        const actor = await actorFor(desk, g, true);
        const fileName = path.basename(file);
        const show = progress(`${opts.dryRun ? 'Checking' : 'Importing'} ${fileName}`);
        // Ctrl+C stops the import at its next chunk, and it is rolled back whole.
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        let r: R;
        try {
          r = await run(desk, actor, { fileName, dataBase64, dryRun: Boolean(opts.dryRun) }, { report: show, signal: controller.signal });
        } finally {
          show.done();
          process.off('SIGINT', stop);
        }
        const lines = [
          ...summary(r),
          ...r.problems.map((p) => `  line ${p.line}${p.field ? `, ${p.field}` : ''}: ${p.message}`),
          ...r.warnings.map((w) => `  warning: ${r.fileName} line ${w.line}${w.field ? `, ${w.field}` : ''}: ${w.message}`),
        ];
        console.log(lines.join('\n'));
        if (r.problems.length) throw new UserError('import_failed', `${r.problems.length} problems: nothing would be imported.`);
      });
    });
}

export function registerDataCommands(program: Command): void {
  program
    .command('demo')
    .description('fill the database with realistic demo data, made through the same commands staff use')
    .option('--applications <n>', 'how many applications', '300')
    .option('--seed <s>', 'seed for repeatable data', '1')
    .action(async (opts: { applications: string; seed: string }) => {
      const applications = Number(opts.applications);
      const seed = Number(opts.seed);
      if (!Number.isInteger(applications) || applications < 1) throw new UserError('invalid_input', '--applications must be a whole number above 0.');
      if (!Number.isInteger(seed)) throw new UserError('invalid_input', '--seed must be a whole number.');
      await withDesk(program.opts<GlobalOptions>(), async (desk) => {
        const { runDemo, describeDemo } = await import('../../demo/index.js');
        const summary = await runDemo(desk, { applications, seed });
        console.log(describeDemo(summary));
      });
    });

  const imp = program.command('import').description('import files');
  importCommand(
    imp,
    program,
    'applications',
    'import an applications file (CSV or XLSX)',
    'check the file and report every problem; change nothing',
    async (desk, actor, input, follow) => unwrap(await desk.dispatch('applications.import', input, actor, { follow })),
    (r) => [
      `${r.dryRun ? 'Dry run of' : 'Imported'} ${r.fileName}: ${r.rowsRead} rows read, ${r.imported} new, ${r.resubmitted} resubmitted, ${r.unchanged} unchanged.`,
    ],
  );
  importCommand(
    imp,
    program,
    'payments',
    'import an eCitizen notification export (CSV or JSON lines) or an M-Pesa statement, then auto-match',
    'check the file and show what would happen; change nothing',
    async (desk, actor, input, follow) => unwrap(await desk.dispatch('payments.import', input, actor, { follow })),
    (r) => {
      const m = r.matched;
      return [
        `${r.dryRun ? 'Dry run of' : 'Imported'} ${r.fileName} (${r.format ?? 'unknown format'}): ${r.rowsRead} rows read, ${r.added} new payments, ${r.alreadyKnown} already known, ${r.notCounted.length} not counted.`,
        `Auto-matched ${m.exact_reference + m.check_character + m.national_id} (exact reference ${m.exact_reference}, check character ${m.check_character}, national ID ${m.national_id}); ${r.unmatched} left for a person.`,
        ...(r.referenceFrom === null ? [] : [`References the payers typed read from ${REFERENCE_FROM[r.referenceFrom] ?? r.referenceFrom}.`]),
        ...r.notCounted.map((n) => `  line ${n.line}: not counted: ${n.reason}`),
      ];
    },
  );

  program
    .command('export <report>')
    .description('write a report: applications, reconciliation, invoices, licences, collection, sms, turnaround, audit')
    .requiredOption('--format <format>', REPORT_FORMATS.join(' | '))
    .requiredOption('--out <file>', 'the file to write')
    .option('--from <date>', 'from this day (YYYY-MM-DD, Nairobi)')
    .option('--to <date>', 'to this day, inclusive')
    .option('--centre <code>', 'one centre')
    .action(async (report: string, opts: { format: string; out: string; from?: string; to?: string; centre?: string }) => {
      if (!(REPORT_FORMATS as readonly string[]).includes(opts.format)) {
        throw new UserError('invalid_input', `--format must be one of ${REPORT_FORMATS.join(', ')}.`);
      }
      const g = program.opts<GlobalOptions>();
      await withDesk(g, async (desk) => {
        const actor = await actorFor(desk, g, true);
        const show = progress(`Exporting ${report}`);
        const controller = new AbortController();
        process.once('SIGINT', () => controller.abort());
        const rows = await exportReport(
          desk,
          actor,
          { report, format: opts.format as 'csv', out: opts.out, from: opts.from, to: opts.to, centre: opts.centre },
          { onProgress: show, signal: controller.signal },
        );
        show.done();
        console.log(`Wrote ${rows} rows to ${opts.out}.`);
      });
    });
}
