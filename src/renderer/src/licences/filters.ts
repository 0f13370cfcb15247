import type { QueryInput } from '../../../shared/contract/index.js';
import type { LicenceState } from '../../../shared/contract/licences.js';
import type { GridPage, GridSort } from '../components/useServerGrid.js';

export interface LicenceFilters {
  state: LicenceState | '';
  centreId: string;
  licenceYear: string;
  search: string;
}

export const NO_FILTERS: LicenceFilters = { state: '', centreId: '', licenceYear: '', search: '' };

type ListInput = QueryInput<'licences.list'>;

export function toLicencesInput(f: LicenceFilters, search: string, page: GridPage, sort: GridSort): ListInput {
  // "Days in state" sorts by the time the state began: more days is an earlier time.
  const dir = sort.sort !== 'stateSince' ? sort.dir : sort.dir === 'asc' ? 'desc' : 'asc';
  const input: ListInput = { ...page, sort: sort.sort as ListInput['sort'], dir };
  if (f.state) input.state = f.state;
  if (f.centreId) input.centreId = f.centreId;
  if (f.licenceYear) input.licenceYear = Number(f.licenceYear);
  if (search.trim()) input.search = search.trim();
  return input;
}
