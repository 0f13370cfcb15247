import { APPLICATION_STATES, type ApplicationState } from '../../../shared/applicationState.js';
import type { ApplicationsListInput } from '../../../shared/contract/applications.js';
import type { GridPage, GridSort } from '../components/useServerGrid.js';
import { useSessionFilters } from '../components/useSessionFilters.js';

export interface ApplicationFilters {
  state: ApplicationState | '';
  licenceYear: string;
  cadre: '' | 'technologist' | 'technician';
  centreId: string;
  county: string;
  flagged: boolean;
  search: string;
}

/** The queue: submitted applications, oldest first. */
export const QUEUE_FILTERS: ApplicationFilters = {
  state: 'submitted',
  licenceYear: '',
  cadre: '',
  centreId: '',
  county: '',
  flagged: false,
  search: '',
};

/** Under the session layer's screen-state prefix, so signing out forgets it. */
const STORAGE_KEY = 'kmlttb.screen.applications.filters';

/**
 * Filters survive a reload of this tab. A state in the route (#/applications/approved, as the
 * Dashboard links) starts from the queue's filters with that state instead.
 */
export function useApplicationFilters(stateInRoute?: string): [ApplicationFilters, (next: ApplicationFilters) => void] {
  return useSessionFilters(STORAGE_KEY, QUEUE_FILTERS, {
    screen: 'applications',
    stateInRoute,
    states: APPLICATION_STATES,
  });
}

export function toListInput(f: ApplicationFilters, search: string, page: GridPage, sort: GridSort): ApplicationsListInput {
  const input: ApplicationsListInput = { ...page, sort: sort.sort as ApplicationsListInput['sort'], dir: sort.dir };
  if (f.state) input.state = f.state;
  if (f.licenceYear) input.licenceYear = Number(f.licenceYear);
  if (f.cadre) input.cadre = f.cadre;
  if (f.centreId) input.centreId = f.centreId;
  if (f.county) input.county = f.county;
  if (f.flagged) input.flagged = true;
  if (search.trim()) input.search = search.trim();
  return input;
}
