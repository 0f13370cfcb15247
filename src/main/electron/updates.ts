/**
 * The desktop app's updates, from the central service the desk syncs with (its `/updates/`
 * feed: shared/updates.ts). Checked once at start and from Help, Check for updates. Nothing is
 * downloaded without the person's yes; a downloaded update installs when the app closes.
 */
import { app, dialog } from 'electron';
import electronUpdater from 'electron-updater';
import { updateAction, updateFeedUrl, type UpdateCheck } from '../../shared/updates.js';
import type { ReadingDesk } from '../core/deskServices.js';
import type { Logger } from '../log/logger.js';
import { centralServiceUrl } from '../sync/updateOffer.js';

const { autoUpdater } = electronUpdater;

export interface Updates {
  check(trigger: 'start' | 'menu'): Promise<void>;
}

/** `desk` and `log` are read at each check: the app opens both after the menu is installed. */
export function desktopUpdates(desk: () => ReadingDesk | undefined, log: () => Logger): Updates {
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.logger = {
    info: (m: unknown) => log().info({ m }, 'updates'),
    warn: (m: unknown) => log().warn({ m }, 'updates'),
    error: (m: unknown) => log().error({ m }, 'updates'),
  };
  const look = async (): Promise<UpdateCheck> => {
    const opened = desk();
    const serverUrl = opened ? centralServiceUrl(opened) : null;
    if (serverUrl === null) return { kind: 'no-feed' };
    autoUpdater.setFeedURL({ provider: 'generic', url: updateFeedUrl(serverUrl) });
    try {
      const result = await autoUpdater.checkForUpdates();
      if (result === null) return { kind: 'failed', reason: 'this copy of the app is not an installed one: updates come to installed desks.' };
      return result.isUpdateAvailable ? { kind: 'newer', version: result.updateInfo.version } : { kind: 'current' };
    } catch (err) {
      return { kind: 'failed', reason: err instanceof Error ? err.message : String(err) };
    }
  };
  return {
    check: (trigger) => check(trigger).catch((err: unknown) => log().error({ err, trigger }, 'updates: the check failed')),
  };

  async function check(trigger: 'start' | 'menu'): Promise<void> {
    const found = await look();
    if (found.kind === 'failed') log().warn({ reason: found.reason, trigger }, 'updates: the check failed');
    const action = updateAction(found, trigger, app.getVersion());
    if (action.kind === 'silent') return;
    if (action.kind === 'tell') {
      await dialog.showMessageBox({ type: 'info', title: 'Updates', message: action.message });
      return;
    }
    const { response } = await dialog.showMessageBox({
      type: 'question',
      title: 'Update available',
      message: action.message,
      buttons: ['Download', 'Not now'],
      defaultId: 0,
      cancelId: 1,
    });
    if (response !== 0) return;
    try {
      await autoUpdater.downloadUpdate();
      await dialog.showMessageBox({
        type: 'info',
        title: 'Update downloaded',
        message: 'The update is downloaded: it installs when KMLTTB Licensing Desk closes.',
      });
    } catch (err) {
      log().error({ err }, 'updates: the download failed');
      await dialog.showMessageBox({
        type: 'warning',
        title: 'Updates',
        message: `The update could not be downloaded: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }
}
