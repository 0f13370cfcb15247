/**
 * Hardening hooks for every webContents and session: no navigation, no new windows, no
 * webviews, no permissions. Links to allowlisted https sites open in the system browser.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './appOrigin.js';
import type { Logger } from '../log/logger.js';
import { isAllowedExternalUrl } from './externalLinks.js';

function openIfAllowed(url: string, log: Logger): void {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
  // Without its query: a refused link may carry anything.
  else log.warn({ url: url.split(/[?#]/)[0] }, 'security: refused to open a link');
}

function hardenContents(contents: WebContents, log: Logger, devServerUrl?: string): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (!isAppUrl(url, devServerUrl)) openIfAllowed(url, log);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url, log);
    return { action: 'deny' };
  });
}

export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Call once, before any window is created. */
export function installSecurityHooks(log: Logger, devServerUrl?: string): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, log, devServerUrl));
}
