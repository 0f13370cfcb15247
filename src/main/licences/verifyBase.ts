import { isLoopbackHost } from '../../shared/secureUrl.js';
import type { ReadingDesk } from '../core/deskServices.js';
import type { ReadableDB } from '../db/handles.js';
import { readSyncState } from '../sync/state.js';

/**
 * The central service's public address, which a licence's QR code points at: the setting
 * `server.publicUrl` on this machine, else the service this desk syncs with (unless it is this
 * computer, which no phone can reach). Null when neither: the QR code then holds the bare payload.
 */
export function verifyBase(desk: ReadingDesk, db: ReadableDB): string | null {
  const configured = desk.setting('server.publicUrl').trim();
  if (configured !== '') return configured.replace(/\/+$/, '');
  const joined = readSyncState(db)?.serverUrl;
  if (!joined) return null;
  try {
    return isLoopbackHost(new URL(joined).hostname) ? null : joined.replace(/\/+$/, '');
  } catch {
    return null;
  }
}
