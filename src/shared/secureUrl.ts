import { UserError } from './errors.js';

/**
 * The one rule for addresses a desk or the service calls (the central service, the SMS
 * gateway): https:// anywhere, plain http:// only to this computer, where nothing crosses a
 * network. Used by the settings, the sync join, `kmlttb sync` and the SMS worker alike.
 */

/** 127.0.0.0/8, ::1 and localhost, as the URL parser writes a host name. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Why `address` may not be called, as the end of a sentence naming it; null when it may. */
export function insecureAddressProblem(address: string): string | null {
  let url: URL | null = null;
  try {
    if (/^https?:\/\/[^\s/]/i.test(address)) url = new URL(address);
  } catch {
    /* not an address: said below */
  }
  if (!url) return 'is not a web address: give one starting with https://';
  if (url.protocol === 'https:') return null;
  if (isLoopbackHost(url.hostname)) return null;
  return 'uses plain http://, which is refused except to this computer (127.0.0.1, ::1, localhost): use https://';
}

/** The one-line refusal naming `what` (a setting, an option) and the address; null when it may be called. */
export function refusedAddressMessage(address: string, what: string): string | null {
  const problem = insecureAddressProblem(address);
  return problem ? `${what} '${address}' ${problem}.` : null;
}

/** Throws that refusal as a user error. */
export function requireSecureAddress(address: string, what: string): void {
  const refused = refusedAddressMessage(address, what);
  if (refused) throw new UserError('invalid_input', refused);
}
