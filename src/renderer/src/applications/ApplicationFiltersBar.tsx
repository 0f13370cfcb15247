import { APPLICATION_STATES } from '../../../shared/applicationState.js';
import { useApiQuery } from '../api/hooks.js';
import { CheckboxField, filterFields, FiltersForm } from '../components/FiltersForm.js';
import { SearchField } from '../components/SearchField.js';
import { SelectField } from '../components/SelectField.js';
import { CADRE_LABEL, STATE_LABEL } from '../shell/labels.js';
import { QUEUE_FILTERS, type ApplicationFilters } from './filters.js';

const STATE_OPTIONS = APPLICATION_STATES.map((s) => ({ value: s, label: STATE_LABEL[s] ?? s }));
const CADRE_OPTIONS = Object.entries(CADRE_LABEL).map(([value, label]) => ({ value, label }));

/** The bar's search box. */
const SEARCH = {
  id: 'applications-search',
  label: 'Search applications',
  placeholder: 'Name, national ID, phone or reference',
};

interface Props {
  filters: ApplicationFilters;
  onChange: (next: ApplicationFilters) => void;
}

/** Filters above the applications grid; all filtering happens on the server. */
export function ApplicationFiltersBar({ filters, onChange }: Props) {
  const facets = useApiQuery('applications.facets', {});
  const centres = useApiQuery('centres.list', {});
  const { set, bind } = filterFields(filters, onChange);

  const yearOptions = (facets.data?.licenceYears ?? []).map((y) => ({ value: String(y), label: String(y) }));
  const countyOptions = (facets.data?.counties ?? []).map((c) => ({ value: c, label: c }));
  const centreOptions = (centres.data ?? []).map((c) => ({ value: c.id, label: c.active ? c.name : `${c.name} (inactive)` }));

  return (
    <FiltersForm
      label="Filter applications"
      filters={filters}
      reset={QUEUE_FILTERS}
      onChange={onChange}
      resetText="Show the queue"
      resetTitle="Submitted applications, oldest first"
    >
      <SearchField {...SEARCH} value={filters.search} onChange={(v) => set('search', v)} />
      <SelectField label="State" empty="Any state" options={STATE_OPTIONS} {...bind('state')} />
      <SelectField label="Licence year" empty="Any year" options={yearOptions} {...bind('licenceYear')} />
      <SelectField label="Cadre" empty="Any cadre" options={CADRE_OPTIONS} {...bind('cadre')} />
      <SelectField label="Centre" empty="Any centre" options={centreOptions} {...bind('centreId')} />
      <SelectField label="County" empty="Any county" options={countyOptions} {...bind('county')} />
      <CheckboxField id="applications-flagged" label="Flagged only" checked={filters.flagged} onChange={(v) => set('flagged', v)} />
    </FiltersForm>
  );
}
