/**
 * The sandboxed preload: exposes `window.kmlttb` and nothing else. ipcRenderer itself never
 * reaches the page; each exposed function sends one fixed channel, and `subscribe` listens on one
 * fixed event channel, passing on only the entity names (never the IPC event). Bundled to one CJS file
 * (out/preload/index.cjs) whose only require is 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopBridge } from './bridge.js';

const bridge = createDesktopBridge(
  (channel, envelope) => ipcRenderer.invoke(channel, envelope),
  (channel, listener) => {
    const forward = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => void ipcRenderer.removeListener(channel, forward);
  },
);

contextBridge.exposeInMainWorld('kmlttb', bridge);
