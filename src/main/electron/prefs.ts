/** Window bounds and UI preferences, in `preferences.json` in the data folder (electron-store). */
import Store from 'electron-store';
import type { Bounds } from './windowOptions.js';

export interface Prefs {
  windowBounds?: Bounds;
  maximized: boolean;
  /** Renderer-owned preferences (column widths, last filters), by key. */
  ui: Record<string, unknown>;
}

export type PrefsStore = Store<Prefs>;

export function openPrefs(dataDir: string): PrefsStore {
  return new Store<Prefs>({ name: 'preferences', cwd: dataDir, defaults: { maximized: false, ui: {} } });
}
