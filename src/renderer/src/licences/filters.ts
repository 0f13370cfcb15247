import type { QueryInput } from '../../../shared/contract/index.js';
import type { LicenceState } from '../../../shared/contract/licences.js';

export interface LicenceFilters {
  state: LicenceState | '';
  centreId: string;
  licenceYear: string;
  search: string;
}

export const NO_FILTERS: LicenceFilters = { state: '', centreId: '', licenceYear: '', search: '' };

type ListInput = QueryInput<'licences.list'>;

export function toLicencesInput(
  f: LicenceFilters,
  search: string,
  sort: { id: string; desc: boolean },
  page: { pageIndex: number; pageSize: number },
): ListInput {
  // "Days in state" sorts by the time the state began: more days is an earlier time.
  const desc = sort.id === 'stateSince' ? !sort.desc : sort.desc;
  const input: ListInput = { sort: sort.id as ListInput['sort'], dir: desc ? 'desc' : 'asc', page: page.pageIndex, pageSize: page.pageSize };
  if (f.state) input.state = f.state;
  if (f.centreId) input.centreId = f.centreId;
  if (f.licenceYear) input.licenceYear = Number(f.licenceYear);
  if (search.trim()) input.search = search.trim();
  return input;
}
