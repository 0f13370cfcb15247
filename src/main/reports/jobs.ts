import fs from 'node:fs';
import path from 'node:path';
import type { ExportJob } from '../../shared/contract/insight.js';
import { exportStartInput } from '../../shared/contract/insight.js';
import { UserError } from '../../shared/errors.js';
import { nairobiDay } from '../../shared/time.js';
import type { Actor } from '../core/actor.js';
import { zodToUserError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Desk } from '../core/deskApi.js';
import { exportReport, reportDefinition, resolveFilters } from './export.js';
import { exportsDir } from './exportSweep.js';

interface Job extends ExportJob {
  actorId: string | null;
  path: string;
  controller: AbortController;
}

/**
 * Test hook, for the e2e suite only: the exports of the reports named here (comma-separated) wait,
 * before their first row, until they are cancelled, so that a Cancel always arrives while the
 * export runs however small the data. Never set outside tests.
 */
export const EXPORT_HOLD_ENV = 'KMLTTB_TEST_EXPORT_HOLD';

/**
 * Exports started from the app: they run in the background with progress, can be cancelled,
 * and are written into the data folder's `exports/` until the person saves them (removed after
 * `exports.keepDays`: exportSweep.ts).
 */
export class ExportJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly dir: string;
  private readonly hold: ReadonlySet<string>;

  constructor(private readonly desk: Desk) {
    this.dir = exportsDir(desk.dataDir);
    this.hold = new Set(
      (process.env[EXPORT_HOLD_ENV] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  }

  start(actor: Actor, raw: unknown): ExportJob {
    const parsed = exportStartInput.safeParse(raw);
    if (!parsed.success) throw zodToUserError(parsed.error);
    const input = parsed.data;
    resolveFilters(this.desk, actor, reportDefinition(input.report), input); // refuse at once, not in the background
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const id = newId();
    const stamp = nairobiDay(this.desk.clock());
    const fileName = `${input.report}-${stamp}.${input.format}`;
    const job: Job = {
      id,
      report: input.report,
      format: input.format,
      state: 'running',
      rows: 0,
      fileName,
      error: null,
      actorId: actor.id,
      path: path.join(this.dir, `${id}.${input.format}`),
      controller: new AbortController(),
    };
    this.jobs.set(id, job);
    const { signal } = job.controller;
    const held = this.hold.has(input.report)
      ? new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
      : Promise.resolve();
    held
      .then(() =>
        exportReport(
          this.desk,
          actor,
          { ...input, out: job.path },
          {
            signal,
            onProgress: (rows) => {
              job.rows = rows;
            },
          },
        ),
      )
      .then((rows) => Object.assign(job, { rows, state: 'done' }))
      .catch((err: unknown) => {
        Object.assign(
          job,
          job.controller.signal.aborted
            ? { state: 'cancelled', error: 'Cancelled: no file was written.' }
            : { state: 'failed', error: err instanceof UserError ? err.message : 'The export failed.' },
        );
        if (!(err instanceof UserError)) this.desk.log.error({ err, report: input.report }, 'export: failed');
      });
    return this.view(job);
  }

  status(actor: Actor, id: string): ExportJob {
    return this.view(this.own(actor, id));
  }

  cancel(actor: Actor, id: string): ExportJob {
    const job = this.own(actor, id);
    if (job.state === 'running') job.controller.abort();
    return this.view(job);
  }

  /** The finished file, for the transport to hand over. */
  file(actor: Actor, id: string): { path: string; fileName: string } {
    const job = this.own(actor, id);
    if (job.state !== 'done') throw new UserError('invalid_transition', `The export is ${job.state}: there is no file to save.`);
    return { path: job.path, fileName: job.fileName };
  }

  private own(actor: Actor, id: string): Job {
    const job = this.jobs.get(id);
    if (!job || job.actorId !== actor.id) throw new UserError('not_found', 'No such export.');
    return job;
  }

  private view(job: Job): ExportJob {
    const { id, report, format, state, rows, fileName, error } = job;
    return { id, report, format, state, rows, fileName, error };
  }
}
