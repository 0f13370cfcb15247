/**
 * Browser mode: an HTTP implementation of `window.kmlttb` over the /api routes served by
 * `kmlttb web` on 127.0.0.1. The session token lives in sessionStorage (this tab only) and
 * travels as `Authorization: Bearer <token>`.
 */
import { HTTP_ROUTES, type KmlttbBridge } from '../../../shared/bridge.js';
import type { AboutInfo } from '../../../shared/contract/about.js';
import type { FirstRunState, SessionInfo } from '../../../shared/contract/session.js';
import type { ErrorBody, Result } from '../../../shared/errors.js';
import { subscribeToChanges } from './changeStream.js';
import { printInFrame } from './printFrame.js';

export const TOKEN_KEY = 'kmlttb.token';

function readToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function writeToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage refused (private mode): the token then lives only as long as this page.
  }
}

function isResult(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  const ok = (body as { ok: unknown }).ok;
  return ok === true ? 'value' in body : ok === false && 'error' in body;
}

function failure(message: string, code: ErrorBody['code'] = 'internal'): { ok: false; error: ErrorBody } {
  return { ok: false, error: { code, message } };
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Result<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = readToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      // oxlint-disable-next-line unicorn/no-invalid-fetch-options -- only POST calls pass a body (see the calls below)
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return failure('The desk service cannot be reached. Check that it is still running, then try again.');
  }
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    return failure(`The desk service gave an answer that is not understood (HTTP ${response.status}).`);
  }
  if (!isResult(parsed)) return failure(`The desk service gave an answer that is not understood (HTTP ${response.status}).`);
  return parsed as Result<T>;
}

function keepToken(result: Result<SessionInfo>): Result<SessionInfo> {
  if (result.ok) writeToken(result.value.token);
  return result;
}

/** Fetches a finished export with the session token and hands it to the browser as a download. */
async function download(jobId: string): Promise<Result<{ saved: boolean; fileName: string }>> {
  const token = readToken();
  let response: Response;
  try {
    response = await fetch(`${HTTP_ROUTES.exports}/${encodeURIComponent(jobId)}/file`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      cache: 'no-store',
    });
  } catch {
    return failure('The desk service cannot be reached. Check that it is still running, then try again.');
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    return isResult(body) ? (body as Result<{ saved: boolean; fileName: string }>) : failure(`The export could not be fetched (HTTP ${response.status}).`);
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'export';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true, value: { saved: true, fileName } };
}

export function createWebBridge(): KmlttbBridge {
  return {
    exportStart: (input) => call('POST', HTTP_ROUTES.exports, input),
    exportStatus: (jobId) => call('GET', `${HTTP_ROUTES.exports}/${encodeURIComponent(jobId)}`),
    exportCancel: (jobId) => call('POST', `${HTTP_ROUTES.exports}/${encodeURIComponent(jobId)}/cancel`, {}),
    exportSave: download,
    printPdf: async (file) => {
      printInFrame(file);
      return { ok: true, value: { opened: 'print-dialog' } };
    },
    importStart: (command, input) => call('POST', HTTP_ROUTES.imports, { command, input }),
    importStatus: (jobId) => call('GET', `${HTTP_ROUTES.imports}/${encodeURIComponent(jobId)}`),
    importCancel: (jobId) => call('POST', `${HTTP_ROUTES.imports}/${encodeURIComponent(jobId)}/cancel`, {}),
    // A page cannot open a folder on the computer: it shows where the logs are instead.
    openLogsFolder: async () => {
      const about = await call<AboutInfo>('POST', `${HTTP_ROUTES.query}desk.about`, {});
      return about.ok ? { ok: true, value: { opened: false, path: about.value.logsDir } } : about;
    },
    transport: 'web',
    subscribe: (listener) => subscribeToChanges(readToken, listener),
    command: (name, input) => call('POST', HTTP_ROUTES.command + encodeURIComponent(name), input ?? {}),
    query: (name, input) => call('POST', HTTP_ROUTES.query + encodeURIComponent(name), input ?? {}),
    login: async (username, password) => keepToken(await call<SessionInfo>('POST', `${HTTP_ROUTES.session}/login`, { username, password })),
    unlock: async (password) => keepToken(await call<SessionInfo>('POST', `${HTTP_ROUTES.session}/unlock`, { password })),
    lock: () => call<null>('POST', `${HTTP_ROUTES.session}/lock`, {}),
    logout: async () => {
      const result = await call<null>('POST', `${HTTP_ROUTES.session}/logout`, {});
      writeToken(null);
      return result;
    },
    session: async () => {
      if (!readToken()) return { ok: true, value: null };
      const result = await call<SessionInfo | null>('GET', HTTP_ROUTES.session);
      if (result.ok && result.value === null) writeToken(null);
      if (!result.ok && result.error.code === 'not_signed_in') writeToken(null);
      return result;
    },
    firstRun: () => call<FirstRunState>('GET', HTTP_ROUTES.firstRun),
    createFirstAdmin: async (input) => keepToken(await call<SessionInfo>('POST', HTTP_ROUTES.firstRun, input)),
  };
}

/** Installs the HTTP bridge when no preload provided one (browser mode). */
export function ensureBridge(): KmlttbBridge {
  if (!window.kmlttb) window.kmlttb = createWebBridge();
  return window.kmlttb;
}
