/** The main window: restored bounds, hardened options, shown when ready. */
import { BrowserWindow, screen } from 'electron';
import type { Logger } from '../log/logger.js';
import type { PrefsStore } from './prefs.js';
import { visibleBounds } from './windowBounds.js';
import { windowOptions } from './windowOptions.js';

export interface MainWindowInput {
  prefs: PrefsStore;
  preloadPath: string;
  url: string;
  devTools: boolean;
  log: Logger;
}

export function createMainWindow({ prefs, preloadPath, url, devTools, log }: MainWindowInput): BrowserWindow {
  const areas = screen.getAllDisplays().map((d) => d.workArea);
  const bounds = visibleBounds(prefs.get('windowBounds'), areas);
  const win = new BrowserWindow(windowOptions({ preloadPath, bounds, devTools }));
  if (prefs.get('maximized')) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    prefs.set('maximized', win.isMaximized());
    prefs.set('windowBounds', win.getNormalBounds());
  });
  win.loadURL(url).catch((err: unknown) => log.error({ err, url }, 'window: cannot load the renderer'));
  return win;
}
