import { LICENCE_STATES } from '../../../shared/contract/licences.js';
import { nairobiYear } from '../../../shared/time.js';
import { useApiQuery } from '../api/hooks.js';
import { filterFields, FiltersForm } from '../components/FiltersForm.js';
import { SearchField } from '../components/SearchField.js';
import { SelectField } from '../components/SelectField.js';
import { useCan } from '../session/SessionContext.js';
import { LICENCE_STATE_LABEL } from './labels.js';
import { NO_FILTERS, type LicenceFilters } from './filters.js';

const STATE_OPTIONS = LICENCE_STATES.map((s) => ({ value: s, label: LICENCE_STATE_LABEL[s] }));

function nearYears(): number[] {
  const year = nairobiYear(new Date());
  return [year + 1, year, year - 1];
}

/** The bar's search box. */
const SEARCH = {
  id: 'licences-search',
  label: 'Search licences',
  placeholder: 'ID number, licence number, name or phone',
};

interface Props {
  filters: LicenceFilters;
  onChange: (next: LicenceFilters) => void;
}

/** Filters above the licences grid; all filtering happens on the server. */
export function LicenceFiltersBar({ filters, onChange }: Props) {
  const readsApplications = useCan('application.read');
  // Clerks see only their own centre: the back end scopes them, so no centre choice.
  const allCentres = !useCan('licence.collect');
  const facets = useApiQuery('applications.facets', {}, { enabled: readsApplications });
  const centres = useApiQuery('centres.list', {}, { enabled: allCentres });
  const { set, bind } = filterFields(filters, onChange);

  const years = facets.data?.licenceYears ?? nearYears();
  const yearOptions = years.map((y) => ({ value: String(y), label: String(y) }));
  const centreOptions = (centres.data ?? []).map((c) => ({ value: c.id, label: c.active ? c.name : `${c.name} (inactive)` }));

  return (
    <FiltersForm label="Filter licences" filters={filters} reset={NO_FILTERS} onChange={onChange}>
      <SearchField {...SEARCH} value={filters.search} onChange={(v) => set('search', v)} />
      <SelectField label="State" empty="Any state" options={STATE_OPTIONS} {...bind('state')} />
      {allCentres && <SelectField label="Centre" empty="Any centre" options={centreOptions} {...bind('centreId')} />}
      <SelectField label="Licence year" empty="Any year" options={yearOptions} {...bind('licenceYear')} />
    </FiltersForm>
  );
}
