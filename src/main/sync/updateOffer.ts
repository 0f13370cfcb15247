import type { UpdateOffer } from '../../shared/contract/sync.js';
import { DESK_OUTDATED_CODE } from '../../shared/contract/syncWire.js';
import { parseReleaseInfo, releaseInfoFile, updateFeedUrl } from '../../shared/updates.js';
import type { ReadingDesk } from '../core/deskServices.js';
import { SyncRefused } from './http.js';
import { readSyncState } from './state.js';

const FEED_TIMEOUT_MS = 15_000;

/** The central service this desk syncs with (the one it joined, else the setting sync.serverUrl); null when none. */
export function centralServiceUrl(desk: ReadingDesk): string | null {
  const url = (readSyncState(desk.read)?.serverUrl ?? desk.setting('sync.serverUrl')).trim().replace(/\/+$/, '');
  return url === '' ? null : url;
}

/** True when the service refused this desk because its app is older (409 with DESK_OUTDATED_CODE). */
export function refusedAsOutdated(err: unknown): boolean {
  return err instanceof SyncRefused && err.status === 409 && err.serviceCode === DESK_OUTDATED_CODE;
}

/**
 * What the shell offers a desk the service refuses as too old: the installer its feed names for
 * this platform, or, when the service offers none, who to ask.
 */
export async function updateOfferFrom(serverUrl: string, platform: NodeJS.Platform = process.platform): Promise<UpdateOffer> {
  const feed = updateFeedUrl(serverUrl);
  try {
    const res = await fetch(feed + releaseInfoFile(platform), { signal: AbortSignal.timeout(FEED_TIMEOUT_MS) });
    const info = res.ok ? parseReleaseInfo(await res.text()) : null;
    if (info) {
      return {
        message: `This desk's app is older than the central service's: an update is available from the central service (version ${info.version}).`,
        downloadUrl: new URL(info.path.split('/').map(encodeURIComponent).join('/'), feed).href,
      };
    }
  } catch {
    /* the feed out of reach: said below */
  }
  return {
    message:
      "This desk's app is older than the central service's and must be updated, but the central service offers no update for it yet: ask the Board's IT.",
    downloadUrl: null,
  };
}
