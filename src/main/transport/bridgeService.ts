import type { SessionInfo } from '../../shared/contract/session.js';
import { loginInput, unlockInput } from '../../shared/contract/session.js';
import { peopleMessage } from '../../shared/contract/messages.js';
import { commands, queries, type CommandName, type QueryName } from '../../shared/contract/index.js';
import type { Entity } from '../../shared/contract/entities.js';
import { UserError, type Result } from '../../shared/errors.js';
import { lockSession, login, logout, resolveSession, sessionOpen, unlockSession } from '../auth/sessions.js';
import { changeFeed } from '../core/changes.js';
import { toErrorBody, zodToUserError } from '../core/errors.js';
import type { Desk } from '../desk.js';
import { createFirstAdmin, firstRunState, type FirstRunOptions } from '../firstRun.js';
import { ImportJobs } from '../imports/jobs.js';
import { ExportJobs } from '../reports/jobs.js';

/**
 * The bridge calls of `window.kmlttb`, transport-free: IPC (desktop) and HTTP (browser mode)
 * only carry them. Each answers a Result envelope and never throws.
 */
export function bridgeService(desk: Desk, options: { firstRun?: FirstRunOptions } = {}) {
  async function guard<T>(context: string, work: () => Promise<T>): Promise<Result<T>> {
    try {
      return { ok: true, value: await work() };
    } catch (err) {
      return { ok: false, error: toErrorBody(err, context, desk.log) };
    }
  }
  function parse<T>(
    schema: { safeParse(v: unknown, params: { error: typeof peopleMessage }): { success: true; data: T } | { success: false; error: import('zod').ZodError } },
    input: unknown,
  ): T {
    const r = schema.safeParse(input, { error: peopleMessage });
    if (!r.success) throw zodToUserError(r.error);
    return r.data;
  }

  const exportJobs = new ExportJobs(desk);
  const importJobs = new ImportJobs(desk);
  const asActor = async <T>(context: string, token: string | undefined, work: (actor: import('../core/actor.js').Actor) => T | Promise<T>) =>
    guard(context, async () => work((await resolveSession(desk, token)).actor));

  return {
    exportStart: (token: string | undefined, input: unknown) => asActor('export.start', token, (actor) => exportJobs.start(actor, input)),
    exportStatus: (token: string | undefined, id: string) => asActor('export.status', token, (actor) => exportJobs.status(actor, id)),
    exportCancel: (token: string | undefined, id: string) => asActor('export.cancel', token, (actor) => exportJobs.cancel(actor, id)),
    /** The finished file's path and name, for the transport to hand over. */
    exportFile: (token: string | undefined, id: string) => asActor('export.file', token, (actor) => exportJobs.file(actor, id)),
    importStart: (token: string | undefined, input: unknown) => asActor('import.start', token, (actor) => importJobs.start(actor, token!, input)),
    // Without the session's database check: the running import's transaction holds the database. The job knows its session's token.
    importStatus: (token: string | undefined, id: string) => guard('import.status', async () => importJobs.status(token, id)),
    importCancel: (token: string | undefined, id: string) => guard('import.cancel', async () => importJobs.cancel(token, id)),
    login: (input: unknown) =>
      guard('login', async () => {
        const { username, password } = parse(loginInput, input);
        return login(desk, username, password);
      }),
    unlock: (token: string | undefined, input: unknown) =>
      guard('unlock', async () => {
        if (!token) throw new UserError('not_signed_in', 'Sign in first.');
        return unlockSession(desk, token, parse(unlockInput, input).password);
      }),
    lock: (token: string | undefined) =>
      guard('lock', async () => {
        if (token) await lockSession(desk, token);
        return null;
      }),
    logout: (token: string | undefined) =>
      guard('logout', async () => {
        if (token) await logout(desk, token);
        return null;
      }),
    session: (token: string | undefined) =>
      guard('session', async (): Promise<SessionInfo | null> => {
        if (!token) return null;
        try {
          return (await resolveSession(desk, token)).info;
        } catch (err) {
          if (err instanceof UserError && (err.code === 'not_signed_in' || err.code === 'user_disabled')) return null;
          throw err;
        }
      }),
    firstRun: () => guard('firstRun', async () => firstRunState(desk, options.firstRun)),
    createFirstAdmin: (input: unknown) => guard('createFirstAdmin', () => createFirstAdmin(desk, input, options.firstRun)),
    async command(token: string | undefined, name: string, input: unknown): Promise<Result<unknown>> {
      if (!Object.hasOwn(commands, name)) return { ok: false, error: { code: 'not_found', message: `There is no command '${name}'.` } };
      const who = await guard('session', () => resolveSession(desk, token));
      if (!who.ok) return who;
      return desk.dispatch(name as CommandName, input, who.value.actor);
    },
    /**
     * Tells a signed-in session which entities each commit changes (names only), until `stop`,
     * or until the session ends, locks or idles out: then `closed` is called instead. `check`
     * looks again (a transport's keep-alive): false once closed.
     */
    async changes(token: string | undefined, on: { change(entities: readonly Entity[]): void; closed(): void }): Promise<Result<ChangeStream>> {
      const who = await guard('session', () => resolveSession(desk, token));
      if (!who.ok) return who;
      let open = true;
      const check = () => {
        if (open && !sessionOpen(desk, token!)) {
          open = false;
          stop();
          on.closed();
        }
        return open;
      };
      const stop = changeFeed(desk).subscribe((entities) => {
        if (check()) on.change(entities);
      });
      return {
        ok: true,
        value: {
          stop: () => {
            open = false;
            stop();
          },
          check,
        },
      };
    },
    async query(token: string | undefined, name: string, input: unknown): Promise<Result<unknown>> {
      if (!Object.hasOwn(queries, name)) return { ok: false, error: { code: 'not_found', message: `There is no query '${name}'.` } };
      const who = await guard('session', () => resolveSession(desk, token));
      if (!who.ok) return who;
      return desk.query(name as QueryName, input, who.value.actor);
    },
  };
}

export type BridgeService = ReturnType<typeof bridgeService>;

/** An open subscription to a desk's changes (bridgeService's `changes`). */
export interface ChangeStream {
  stop(): void;
  /** Whether the session may still be told of changes; closes the stream when not. */
  check(): boolean;
}
