/**
 * The desktop transport's logic, free of Electron so that it runs under plain Node in tests.
 * ipcBinding.ts feeds it every `ipcMain.handle` call: which channel, who sent it, what came.
 * It checks the sender, parses the envelope `{name, input}`, uses the session token the main
 * process keeps for that sender (never one sent by the renderer), and calls the same
 * bridgeService as browser mode. It answers with a `Result` envelope and never throws.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { BRIDGE_CHANNELS } from '../../shared/bridge.js';
import type { AboutInfo } from '../../shared/contract/about.js';
import type { SessionInfo } from '../../shared/contract/session.js';
import { UserError, type Result } from '../../shared/errors.js';
import { toErrorBody, zodToUserError } from '../core/errors.js';
import type { Desk } from '../desk.js';
import type { FirstRunOptions } from '../firstRun.js';
import { exportsDir } from '../reports/exportSweep.js';
import { bridgeService } from '../transport/bridgeService.js';
import { isAppUrl } from './appOrigin.js';

export type BridgeKind = keyof typeof BRIDGE_CHANNELS;

/** The session calls of `window.kmlttb`, sent on the session channel by name. */
export const SESSION_CALLS = ['login', 'unlock', 'lock', 'logout', 'session', 'firstRun', 'createFirstAdmin'] as const;
export type SessionCall = (typeof SESSION_CALLS)[number];

/** Who sent an IPC call: the webContents id and the frame that sent it. */
export interface Sender {
  id: number;
  frameUrl: string | undefined;
  /** The sending frame is the top frame of one of our windows (not an iframe, not a stranger). */
  topFrame: boolean;
}

export interface IpcRouterDeps {
  desk: Desk;
  getToken(senderId: number): string | undefined;
  setToken(senderId: number, token: string | null): void;
  /** In development the window loads electron-vite's dev server instead of app://desk. */
  devServerUrl?: string;
  /** Asks where to save a finished export and copies it there; false when the person cancels. */
  saveFile?(sourcePath: string, fileName: string): Promise<boolean>;
  /** How the first run pauses the desk's background work while it makes demo data. */
  firstRun?: Pick<FirstRunOptions, 'paused'>;
  /** Opens a folder in the file manager; false when it could not. */
  openFolder?(folder: string): Promise<boolean>;
  /** Opens a file in the computer's program for it (a PDF in its viewer); false when it could not. */
  openFile?(file: string): Promise<boolean>;
  /** Opens the system print dialog on a PDF file; true when the dialog was shown (printed or cancelled), false when printing failed. */
  printPdf?(file: string): Promise<boolean>;
}

export const EXPORT_CALLS = ['start', 'status', 'cancel', 'save'] as const;
const jobInput = z.object({ jobId: z.string().min(1).max(64) });
const pdfInput = z.object({
  fileName: z.string().regex(/^[A-Za-z0-9._-]{1,100}\.pdf$/, 'must be a plain file name ending .pdf'),
  dataBase64: z
    .string()
    .min(1)
    .max(60 * 1024 * 1024),
});

const envelope = z.object({ name: z.string().min(1).max(100), input: z.unknown().optional() }).strict();

export function createIpcRouter(deps: IpcRouterDeps) {
  const service = bridgeService(deps.desk, { firstRun: deps.firstRun });

  function keep(id: number, result: Result<SessionInfo | null>): Result<SessionInfo | null> {
    if (result.ok) deps.setToken(id, result.value?.token ?? null);
    return result;
  }

  async function session(call: SessionCall, input: unknown, id: number): Promise<Result<unknown>> {
    const token = deps.getToken(id);
    switch (call) {
      case 'login':
        return keep(id, await service.login(input));
      case 'createFirstAdmin':
        return keep(id, await service.createFirstAdmin(input));
      case 'session':
        return keep(id, await service.session(token));
      case 'unlock':
        return service.unlock(token, input);
      case 'lock':
        return service.lock(token);
      case 'firstRun':
        return service.firstRun();
      case 'logout':
        deps.setToken(id, null);
        return service.logout(token);
    }
  }

  async function exports(call: string, input: unknown, token: string | undefined): Promise<Result<unknown>> {
    if (call === 'start') return service.exportStart(token, input);
    const parsed = jobInput.safeParse(input);
    if (!parsed.success) throw zodToUserError(parsed.error);
    const { jobId } = parsed.data;
    if (call === 'status') return service.exportStatus(token, jobId);
    if (call === 'cancel') return service.exportCancel(token, jobId);
    if (call !== 'save') return { ok: false, error: { code: 'not_found', message: `There is no export call '${call}'.` } };
    const file = await service.exportFile(token, jobId);
    if (!file.ok) return file;
    if (!deps.saveFile) throw new UserError('not_configured', 'Saving files is not available here.');
    return { ok: true, value: { saved: await deps.saveFile(file.value.path, file.value.fileName), fileName: file.value.fileName } };
  }

  async function imports(call: string, input: unknown, token: string | undefined): Promise<Result<unknown>> {
    if (call === 'start') return service.importStart(token, input);
    const parsed = jobInput.safeParse(input);
    if (!parsed.success) throw zodToUserError(parsed.error);
    if (call === 'status') return service.importStatus(token, parsed.data.jobId);
    if (call === 'cancel') return service.importCancel(token, parsed.data.jobId);
    return { ok: false, error: { code: 'not_found', message: `There is no import call '${call}'.` } };
  }

  /** Anyone signed in may open the logs folder: where it is comes from Help, About's query. */
  async function deskCall(call: string, input: unknown, token: string | undefined): Promise<Result<unknown>> {
    if (call === 'openPdf') return openPdf(input, token);
    if (call !== 'openLogsFolder') return { ok: false, error: { code: 'not_found', message: `There is no desk call '${call}'.` } };
    const about = await service.query(token, 'desk.about', {});
    if (!about.ok) return about;
    const folder = (about.value as AboutInfo).logsDir;
    return { ok: true, value: { opened: deps.openFolder ? await deps.openFolder(folder) : false, path: folder } };
  }

  /**
   * Print in the desktop: the PDF goes where exports wait (swept after exports.keepDays) and the
   * system print dialog opens on it; when printing fails, it opens in the PDF viewer instead.
   */
  async function openPdf(input: unknown, token: string | undefined): Promise<Result<unknown>> {
    const who = await service.session(token);
    if (!who.ok) return who;
    if (!who.value) throw new UserError('not_signed_in', 'Sign in to print.');
    const parsed = pdfInput.safeParse(input);
    if (!parsed.success) throw zodToUserError(parsed.error);
    const bytes = Buffer.from(parsed.data.dataBase64, 'base64');
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new UserError('invalid_input', 'Only a PDF the desk made can be printed.');
    const file = path.join(exportsDir(deps.desk.dataDir), parsed.data.fileName);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes, { mode: 0o600 });
    if (await showPrintDialog(file)) return { ok: true, value: { opened: 'print-dialog' } };
    if (!deps.openFile || !(await deps.openFile(file)))
      throw new UserError('not_configured', `The PDF could not be opened for printing. It is saved at ${file}.`);
    return { ok: true, value: { opened: 'pdf-viewer' } };
  }

  async function showPrintDialog(file: string): Promise<boolean> {
    if (!deps.printPdf) return false;
    try {
      return await deps.printPdf(file);
    } catch (err) {
      deps.desk.log.warn({ err }, 'ipc: printing failed, the PDF viewer opens instead');
      return false;
    }
  }

  async function dispatch(kind: BridgeKind, name: string, input: unknown, id: number): Promise<Result<unknown>> {
    const token = deps.getToken(id);
    if (kind === 'export') return exports(name, input, token);
    if (kind === 'import') return imports(name, input, token);
    if (kind === 'desk') return deskCall(name, input, token);
    if (kind === 'command') return service.command(token, name, input ?? {});
    if (kind === 'query') return service.query(token, name, input ?? {});
    if (!(SESSION_CALLS as readonly string[]).includes(name)) {
      return { ok: false, error: { code: 'not_found', message: `There is no session call '${name}'.` } };
    }
    return session(name as SessionCall, input, id);
  }

  /** One IPC call. Command and query answers are the desk's own Result envelopes. */
  return async function route(kind: BridgeKind, payload: unknown, sender: Sender): Promise<Result<unknown>> {
    try {
      if (!sender.topFrame || !sender.frameUrl || !isAppUrl(sender.frameUrl, deps.devServerUrl)) {
        deps.desk.log.warn({ kind, frame: sender.frameUrl?.split(/[?#]/)[0] ?? null }, 'ipc: refused a call from a frame that is not the desk window');
        throw new UserError('forbidden', 'This call did not come from the desk window.');
      }
      const parsed = envelope.safeParse(payload);
      if (!parsed.success) throw zodToUserError(parsed.error);
      return await dispatch(kind, parsed.data.name, parsed.data.input, sender.id);
    } catch (err) {
      return { ok: false, error: toErrorBody(err, `ipc ${kind}`, deps.desk.log) };
    }
  };
}
