/**
 * Binds the router to `ipcMain.handle`, one channel per kind, and keeps a session token per
 * webContents; tells each signed-in window what the desk's changes touched (entity names only).
 */
import { BrowserWindow, ipcMain, webContents, type IpcMainInvokeEvent } from 'electron';
import { BRIDGE_CHANNELS, BRIDGE_EVENTS } from '../../shared/bridge.js';
import { sessionOpen } from '../auth/sessions.js';
import { changeFeed } from '../core/changes.js';
import { createIpcRouter, type BridgeKind, type IpcRouterDeps, type Sender } from './ipcRouter.js';

function senderOf(event: IpcMainInvokeEvent): Sender {
  const frame = event.senderFrame;
  const ours = BrowserWindow.fromWebContents(event.sender) !== null;
  return { id: event.sender.id, frameUrl: frame?.url, topFrame: ours && frame !== null && frame.parent === null };
}

export function bindIpc(deps: Omit<IpcRouterDeps, 'getToken' | 'setToken'>): void {
  const tokens = new Map<number, string>();
  const watched = new Set<number>();
  const route = createIpcRouter({
    ...deps,
    getToken: (id) => tokens.get(id),
    setToken: (id, token) => (token ? tokens.set(id, token) : tokens.delete(id)),
  });
  for (const kind of Object.keys(BRIDGE_CHANNELS) as BridgeKind[]) {
    ipcMain.handle(BRIDGE_CHANNELS[kind], (event, payload: unknown) => {
      if (!watched.has(event.sender.id)) {
        const id = event.sender.id;
        watched.add(id);
        event.sender.once('destroyed', () => {
          tokens.delete(id);
          watched.delete(id);
        });
      }
      return route(kind, payload, senderOf(event));
    });
  }
  changeFeed(deps.desk).subscribe((entities) => {
    for (const [id, token] of tokens) {
      const contents = webContents.fromId(id);
      if (contents && !contents.isDestroyed() && sessionOpen(deps.desk, token)) contents.send(BRIDGE_EVENTS.changed, entities);
    }
  });
}
