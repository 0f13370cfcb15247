import { importStartInput, type ImportJob } from '../../shared/contract/common.js';
import { UserError } from '../../shared/errors.js';
import type { Actor } from '../core/actor.js';
import type { Desk } from '../core/deskApi.js';
import { zodToUserError } from '../core/errors.js';
import { newId } from '../core/ids.js';

interface Job extends ImportJob {
  /** The session that started it: only it may follow or cancel it. */
  token: string;
  controller: AbortController;
}

/**
 * Test hook, for the e2e suite only: imports wait after their first chunk until they are
 * cancelled, so that a Cancel always arrives while one runs however small the file. Never set
 * outside tests.
 */
export const IMPORT_HOLD_ENV = 'KMLTTB_TEST_IMPORT_HOLD';

/** How long a finished job stays to be asked about. */
const KEEP_MS = 10 * 60_000;

/**
 * Imports started from the app, followed while they run (rows stored of the total) and cancelled
 * on request, when everything they wrote is rolled back. Status and Cancel never wait for the
 * database, which the import's transaction holds: a job answers only the session that started it.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly hold = Boolean(process.env[IMPORT_HOLD_ENV]);

  constructor(private readonly desk: Desk) {}

  start(actor: Actor, token: string, raw: unknown): ImportJob {
    const parsed = importStartInput.safeParse(raw);
    if (!parsed.success) throw zodToUserError(parsed.error);
    const { command, input } = parsed.data;
    const job: Job = { id: newId(), state: 'running', done: 0, total: null, result: null, error: null, token, controller: new AbortController() };
    this.jobs.set(job.id, job);
    const { signal } = job.controller;
    const hold = this.hold;
    const follow = {
      signal,
      report: (done: number, total: number) => {
        Object.assign(job, { done, total });
      },
    };
    const held = hold
      ? {
          signal,
          report: async (done: number, total: number) => {
            follow.report(done, total);
            if (done > 0 && !signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
          },
        }
      : follow;
    void this.desk
      .dispatch(command, input, actor, { follow: held })
      .then((outcome) => {
        if (outcome.ok) Object.assign(job, { state: 'done', result: outcome.value, done: job.total ?? job.done });
        else Object.assign(job, { state: outcome.error.code === 'cancelled' ? 'cancelled' : 'failed', error: outcome.error });
      })
      .finally(() => setTimeout(() => this.jobs.delete(job.id), KEEP_MS).unref());
    return this.view(job);
  }

  status(token: string | undefined, id: string): ImportJob {
    return this.view(this.own(token, id));
  }

  cancel(token: string | undefined, id: string): ImportJob {
    const job = this.own(token, id);
    if (job.state === 'running') job.controller.abort();
    return this.view(job);
  }

  private own(token: string | undefined, id: string): Job {
    const job = this.jobs.get(id);
    if (!job || !token || job.token !== token) throw new UserError('not_found', 'No such import.');
    return job;
  }

  private view(job: Job): ImportJob {
    const { id, state, done, total, result, error } = job;
    return { id, state, done, total, result, error };
  }
}
