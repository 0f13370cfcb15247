/**
 * `window.kmlttb` over IPC: every call is one `invoke` on the channel of its kind with the
 * envelope `{name, input}`. Free of Electron so that tests can wire it to the main process's
 * router directly. Imports only types and constants from src/shared, so the bundle stays small.
 */
import { BRIDGE_CHANNELS, BRIDGE_EVENTS, type KmlttbBridge } from '../shared/bridge.js';
import { entitiesIn } from '../shared/contract/entities.js';
import type { Result } from '../shared/errors.js';

export type Invoke = (channel: string, envelope: { name: string; input?: unknown }) => Promise<unknown>;
/** Listens to one event channel from the main process, with the event's payload only (never the IPC event); answers how to stop. */
export type Listen = (channel: string, listener: (payload: unknown) => void) => () => void;

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown };
  return (v.ok === true && 'value' in v) || (v.ok === false && 'error' in v);
}

export function createDesktopBridge(invoke: Invoke, listen: Listen): KmlttbBridge {
  async function call<T>(channel: string, name: string, input?: unknown): Promise<Result<T>> {
    try {
      const answer = await invoke(channel, { name, input });
      if (isResult(answer)) return answer as Result<T>;
      return { ok: false, error: { code: 'internal', message: 'The desk gave an answer that is not understood.' } };
    } catch {
      return { ok: false, error: { code: 'internal', message: 'The desk did not answer. Restart the app and try again.' } };
    }
  }
  const session = <T>(name: string, input?: unknown) => call<T>(BRIDGE_CHANNELS.session, name, input);
  return {
    transport: 'desktop',
    command: (name, input) => call(BRIDGE_CHANNELS.command, name, input),
    query: (name, input) => call(BRIDGE_CHANNELS.query, name, input),
    login: (username, password) => session('login', { username, password }),
    unlock: (password) => session('unlock', { password }),
    lock: () => session('lock'),
    logout: () => session('logout'),
    session: () => session('session'),
    firstRun: () => session('firstRun'),
    createFirstAdmin: (input) => session('createFirstAdmin', input),
    exportStart: (input) => call(BRIDGE_CHANNELS.export, 'start', input),
    exportStatus: (jobId) => call(BRIDGE_CHANNELS.export, 'status', { jobId }),
    exportCancel: (jobId) => call(BRIDGE_CHANNELS.export, 'cancel', { jobId }),
    exportSave: (jobId) => call(BRIDGE_CHANNELS.export, 'save', { jobId }),
    importStart: (command, input) => call(BRIDGE_CHANNELS.import, 'start', { command, input }),
    importStatus: (jobId) => call(BRIDGE_CHANNELS.import, 'status', { jobId }),
    importCancel: (jobId) => call(BRIDGE_CHANNELS.import, 'cancel', { jobId }),
    openLogsFolder: () => call(BRIDGE_CHANNELS.desk, 'openLogsFolder'),
    printPdf: (file) => call(BRIDGE_CHANNELS.desk, 'openPdf', file),
    subscribe: (listener) =>
      listen(BRIDGE_EVENTS.changed, (payload) => {
        const entities = entitiesIn(payload);
        if (entities.length > 0) listener(entities);
      }),
  };
}
