/**
 * The sandboxed preload: exposes `window.kmlttb` and nothing else. ipcRenderer itself never
 * reaches the page; each exposed function sends one fixed channel. Bundled to one CJS file
 * (out/preload/index.cjs) whose only require is 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopBridge } from './bridge.js';

const bridge = createDesktopBridge((channel, envelope) => ipcRenderer.invoke(channel, envelope));

contextBridge.exposeInMainWorld('kmlttb', bridge);
