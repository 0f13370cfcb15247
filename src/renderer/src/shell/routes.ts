import { useEffect, useState } from 'react';
import type { Permission } from '../../../shared/permissions.js';

export type ScreenId = 'dashboard' | 'applications' | 'payments' | 'licences' | 'collection' | 'sms' | 'reports' | 'audit' | 'settings' | 'verify';

export interface ScreenDef {
  id: ScreenId;
  label: string;
  permission: Permission;
}

/** The main navigation, in order; the first allowed is where a session starts. Each link shows only when the session has its permission. */
export const SCREENS: readonly ScreenDef[] = [
  { id: 'dashboard', label: 'Dashboard', permission: 'session.self' },
  { id: 'applications', label: 'Applications', permission: 'application.read' },
  { id: 'payments', label: 'Payments', permission: 'payment.read' },
  { id: 'licences', label: 'Licences', permission: 'licence.read' },
  { id: 'collection', label: 'Collection', permission: 'licence.collect' },
  { id: 'sms', label: 'SMS', permission: 'sms.read' },
  { id: 'reports', label: 'Reports', permission: 'report.run' },
  { id: 'audit', label: 'Audit', permission: 'audit.read' },
  { id: 'settings', label: 'Settings', permission: 'admin.settings' },
];

/** Not in the navigation: reached from links on the Licences and Collection screens; anyone signed in may verify. */
export const VERIFY_SCREEN: ScreenDef = { id: 'verify', label: 'Verify a licence', permission: 'session.self' };

export interface Route {
  screen: string;
  /** Further path parts, e.g. ['users'] for #/settings/users. */
  rest: string[];
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return { screen: parts[0] ?? '', rest: parts.slice(1) };
}

export function hrefFor(screen: string, ...rest: string[]): string {
  return '#/' + [screen, ...rest].map(encodeURIComponent).join('/');
}

export function navigate(screen: string, ...rest: string[]): void {
  const next = hrefFor(screen, ...rest);
  if (window.location.hash !== next) window.location.hash = next;
}

/**
 * A screen that took a filter from its address (#/sms/failed, as the Dashboard links) puts the
 * address back to the screen alone, so that a reload keeps the person's own filters.
 */
export function dropRouteFilter(screen: string): void {
  window.history.replaceState(window.history.state, '', hrefFor(screen));
}

/** Hash routing: a reload keeps the screen. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
