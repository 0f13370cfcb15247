/**
 * The desktop app's entry (built to out/main/index.js): one instance per data folder, the desk
 * opened on the data folder, the renderer served from app://desk/ into one hardened window.
 */
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../shared/errors.js';
import { openDesk, type Desk } from '../desk.js';
import { openFileLog, silentLogger, type FileLog, type Logger } from '../log/logger.js';
import { installProcessFaults } from '../log/processFaults.js';
import { APP_ENTRY_URL } from './appOrigin.js';
import { developmentOptions } from './developmentMode.js';
import { bindIpc } from './ipcBinding.js';
import { installMenu } from './menu.js';
import { dataDirFor, electronNativeBinding } from './paths.js';
import { openPrefs } from './prefs.js';
import { printPdfInWindow } from './printWindow.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { denyPermissions, installSecurityHooks } from './security.js';
import { createMainWindow } from './window.js';
import { desktopUpdates } from './updates.js';
import { openSafeSecrets } from './safeSecrets.js';
import { saveFile } from './saveFile.js';
import { BackgroundWork } from '../background.js';
import { lockDataFolder, type FolderLock } from '../db/folderLock.js';

/** Set by electron.vite.config.ts: true only in what `electron-vite dev` built. */
declare const __KMLTTB_DEV_BUILD__: boolean;

const PRELOAD = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const RENDERER_ROOT = fileURLToPath(new URL('../renderer', import.meta.url));
const { devTools, devServerUrl } = developmentOptions({ devBuild: __KMLTTB_DEV_BUILD__, isPackaged: app.isPackaged, env: process.env });

// A separate data folder is a separate desk: it gets its own profile and its own instance lock.
if (process.env.KMLTTB_DATA) app.setPath('userData', dataDirFor(process.env, app.getPath('userData')));
const dataDir = app.getPath('userData');

let desk: Desk | undefined;
let folderLock: FolderLock | undefined;
let background: BackgroundWork | undefined;
let mainWindow: BrowserWindow | undefined;
let fileLog: FileLog | undefined;
/** The data folder's log once start() opened it. */
const log = (): Logger => fileLog?.logger ?? silentLogger;

function startupFailure(err: unknown): string {
  if (err instanceof UserError) return err.message;
  const text = err instanceof Error ? err.message : String(err);
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(text)) {
    return 'The database engine was built for a different runtime. Rebuild it for Electron (see src/main/electron/paths.ts).';
  }
  return text;
}

async function start(): Promise<void> {
  denyPermissions(session.defaultSession);
  serveRenderer(RENDERER_ROOT);
  const updates = desktopUpdates(() => desk, log);
  installMenu(devTools, { checkForUpdates: () => void updates.check('menu') });
  try {
    fileLog = await openFileLog(dataDir, 'desktop');
    installProcessFaults(fileLog.logger, { exit: (code) => app.exit(code) });
    // Held while the app runs: `kmlttb web`, `kmlttb server` or a restore on this folder is refused.
    folderLock = await lockDataFolder(dataDir);
    // Packaged, the driver's default binding is the packager's rebuild for Electron.
    const nativeBinding = app.isPackaged ? undefined : electronNativeBinding(app.getAppPath());
    desk = openDesk(dataDir, { nativeBinding, secrets: openSafeSecrets(dataDir), log: fileLog.logger });
  } catch (err) {
    log().error({ err }, 'start: cannot open the desk');
    await folderLock?.release();
    dialog.showErrorBox('KMLTTB Licensing Desk cannot start', `${startupFailure(err)}\n\nData folder: ${dataDir}`);
    app.exit(1);
    return;
  }
  // Before the first window: every webContents gets the hooks (none exists before start()).
  installSecurityHooks(log(), devServerUrl);
  const work = new BackgroundWork(desk);
  background = work;
  bindIpc({
    desk,
    devServerUrl,
    saveFile,
    firstRun: { paused: (run) => work.paused(run) },
    openFolder: async (folder) => (await shell.openPath(folder)) === '',
    openFile: async (file) => (await shell.openPath(file)) === '',
    printPdf: (file) => printPdfInWindow(file, log()),
  });
  work.start();
  mainWindow = createMainWindow({ prefs: openPrefs(dataDir), preloadPath: PRELOAD, url: devServerUrl ?? APP_ENTRY_URL, devTools, log: log() });
  mainWindow.on('closed', () => (mainWindow = undefined));
  // A development run has no installed version to replace.
  if (app.isPackaged) void updates.check('start');
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  registerAppScheme();
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed || !desk) return;
    event.preventDefault();
    const closing = desk;
    desk = undefined;
    Promise.resolve(background?.stop())
      .then(() => closing.close())
      .then(() => folderLock?.release())
      .catch((err: unknown) => log().error({ err }, 'quit: closing the desk'))
      .then(() => fileLog?.close())
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => log().error({ err }, 'start: failed'));
}
