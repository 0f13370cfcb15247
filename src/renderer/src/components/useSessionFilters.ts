import { useEffect, useState } from 'react';
import { dropRouteFilter } from '../shell/routes.js';

function load<F extends object>(storageKey: string, defaults: F): F {
  try {
    const raw = sessionStorage.getItem(storageKey);
    if (raw) return { ...defaults, ...(JSON.parse(raw) as Partial<F>) };
  } catch {
    // A damaged saved filter is simply forgotten.
  }
  return defaults;
}

/** A filter in the route (#/<screen>/<state>, as the Dashboard links), dropped from the route once read. */
export interface RouteFilter<F> {
  /** The screen's route name, e.g. `applications`. */
  screen: string;
  /** The state given in the route, if any. */
  stateInRoute: string | undefined;
  /** The states a route may name: a known one starts from the defaults with that state alone. */
  states: readonly F[keyof F & 'state'][];
}

function routeStart<F extends object>(defaults: F, route: RouteFilter<F> | undefined): F | undefined {
  const state = route?.states.find((s) => s === route.stateInRoute);
  return state ? { ...defaults, state } : undefined;
}

/**
 * Filters kept in sessionStorage under `storageKey` (under the session layer's screen-state prefix,
 * so signing out forgets them): they survive a reload of this tab. With `route`, a known state in
 * the route starts from its own filters instead of the saved ones.
 */
export function useSessionFilters<F extends object>(storageKey: string, defaults: F, route?: RouteFilter<F>): [F, (next: F) => void] {
  const [filters, setFilters] = useState<F>(() => routeStart(defaults, route) ?? load(storageKey, defaults));
  const screen = route?.screen;
  const stateInRoute = route?.stateInRoute;
  useEffect(() => {
    if (screen && stateInRoute) dropRouteFilter(screen);
  }, [screen, stateInRoute]);
  useEffect(() => {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(filters));
    } catch {
      // Not saved: only a convenience.
    }
  }, [storageKey, filters]);
  return [filters, setFilters];
}
