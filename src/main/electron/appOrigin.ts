/** The renderer is served from `app://desk/`: a privileged, standard, secure custom scheme. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The policy sent with every response of the app scheme. It matches the renderer's own meta
 * tag and adds what only a header can say (frame-ancestors).
 */
export { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy.js';

/**
 * True when an address belongs to the app itself: `app://desk/...`, or in development the
 * electron-vite dev server the window was pointed at. The WHATWG URL parser gives custom
 * schemes an opaque origin, so scheme and host are compared instead.
 */
export function isAppUrl(raw: string, devServerUrl?: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  if (!devServerUrl) return false;
  try {
    return url.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}
