import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'KMLTTB Licensing Desk';

/** The folder the desktop app uses (Electron's userData), unless KMLTTB_DATA names another. */
export function defaultDataDir(): string {
  if (process.env.KMLTTB_DATA) return path.resolve(process.env.KMLTTB_DATA);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
  }
}
