/**
 * The desktop app's updates come from the central service the desk syncs with: a folder of
 * release files (electron-builder's generic feed) that the service serves at `/updates/`
 * (setting server.updatesFolder). These parts are pure: the Electron layer (main/electron/updates.ts)
 * and the sync status use them.
 */

/** The feed's address for a central service address (`https://licensing.kmlttb.go.ke` → `…/updates/`). */
export function updateFeedUrl(serverUrl: string): string {
  return `${serverUrl.trim().replace(/\/+$/, '')}/updates/`;
}

/** The file electron-updater reads first, by platform (electron-builder writes one per platform). */
export function releaseInfoFile(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'latest.yml';
  if (platform === 'darwin') return 'latest-mac.yml';
  return 'latest-linux.yml';
}

export interface ReleaseInfo {
  version: string;
  /** The installer's file name in the feed folder. */
  path: string;
}

/**
 * The version and installer named in a `latest*.yml` (electron-builder's layout: top-level
 * `version:` and `path:`, or the first `files:` entry's `url:`); null when it names neither.
 */
export function parseReleaseInfo(yaml: string): ReleaseInfo | null {
  const top = (key: string) => new RegExp(`^${key}:[ \\t]*(.+?)[ \\t]*$`, 'm').exec(yaml)?.[1];
  const version = unquote(top('version'));
  const file = unquote(top('path')) ?? unquote(/^[ \t]+-[ \t]+url:[ \t]*(.+?)[ \t]*$/m.exec(yaml)?.[1]);
  return version && file ? { version, path: file } : null;
}

function unquote(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(['"])(.*)\1$/.exec(value);
  return m ? m[2] : value;
}

/** What a check found: electron-updater's answer, reduced to what the app acts on. */
export type UpdateCheck =
  | { kind: 'newer'; version: string }
  | { kind: 'current' }
  /** Nowhere to look: the desk has not joined a central service. */
  | { kind: 'no-feed' }
  | { kind: 'failed'; reason: string };

/** What the app does with a check's result: started by itself it stays quiet unless there is an update; asked from Help it always answers. */
export type UpdateAction = { kind: 'silent' } | { kind: 'tell'; message: string } | { kind: 'offer'; message: string };

export function updateAction(check: UpdateCheck, trigger: 'start' | 'menu', currentVersion: string): UpdateAction {
  if (check.kind === 'newer') {
    return {
      kind: 'offer',
      message: `Version ${check.version} of KMLTTB Licensing Desk is available from the central service (this desk has ${currentVersion}). Download it and install it when the app closes?`,
    };
  }
  if (trigger === 'start') return { kind: 'silent' };
  if (check.kind === 'current') return { kind: 'tell', message: `This desk has the latest version the central service offers (${currentVersion}).` };
  if (check.kind === 'no-feed') {
    return { kind: 'tell', message: 'This desk has not joined a central service, so there is nowhere to look for updates. Ask the Board for an installer.' };
  }
  return { kind: 'tell', message: `Could not check for updates: ${check.reason}` };
}
