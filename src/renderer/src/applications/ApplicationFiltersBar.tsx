import { APPLICATION_STATES } from '../../../shared/applicationState.js';
import { useApiQuery } from '../api/hooks.js';
import { SearchField } from '../components/SearchField.js';
import { SelectField } from '../components/SelectField.js';
import { CADRE_LABEL, STATE_LABEL } from '../shell/labels.js';
import { QUEUE_FILTERS, type ApplicationFilters } from './filters.js';

const STATE_OPTIONS = APPLICATION_STATES.map((s) => ({ value: s, label: STATE_LABEL[s] ?? s }));
const CADRE_OPTIONS = Object.entries(CADRE_LABEL).map(([value, label]) => ({ value, label }));

interface Props {
  filters: ApplicationFilters;
  onChange: (next: ApplicationFilters) => void;
}

/** Filters above the applications grid; all filtering happens on the server. */
export function ApplicationFiltersBar({ filters, onChange }: Props) {
  const facets = useApiQuery('applications.facets', {});
  const centres = useApiQuery('centres.list', {});
  const set = <K extends keyof ApplicationFilters>(key: K, value: ApplicationFilters[K]) => onChange({ ...filters, [key]: value });

  const yearOptions = (facets.data?.licenceYears ?? []).map((y) => ({ value: String(y), label: String(y) }));
  const countyOptions = (facets.data?.counties ?? []).map((c) => ({ value: c, label: c }));
  const centreOptions = (centres.data ?? []).map((c) => ({ value: c.id, label: c.active ? c.name : `${c.name} (inactive)` }));
  const isQueue = JSON.stringify(filters) === JSON.stringify(QUEUE_FILTERS);

  return (
    <form className="filters" role="search" aria-label="Filter applications" onSubmit={(e) => e.preventDefault()}>
      <SearchField
        id="applications-search"
        label="Search applications"
        placeholder="Name, national ID, phone or reference"
        value={filters.search}
        onChange={(v) => set('search', v)}
      />
      <SelectField
        label="State"
        empty="Any state"
        options={STATE_OPTIONS}
        value={filters.state}
        onChange={(e) => set('state', e.target.value as ApplicationFilters['state'])}
      />
      <SelectField
        label="Licence year"
        empty="Any year"
        options={yearOptions}
        value={filters.licenceYear}
        onChange={(e) => set('licenceYear', e.target.value)}
      />
      <SelectField
        label="Cadre"
        empty="Any cadre"
        options={CADRE_OPTIONS}
        value={filters.cadre}
        onChange={(e) => set('cadre', e.target.value as ApplicationFilters['cadre'])}
      />
      <SelectField label="Centre" empty="Any centre" options={centreOptions} value={filters.centreId} onChange={(e) => set('centreId', e.target.value)} />
      <SelectField label="County" empty="Any county" options={countyOptions} value={filters.county} onChange={(e) => set('county', e.target.value)} />
      <div className="field checkbox">
        <input id="applications-flagged" type="checkbox" checked={filters.flagged} onChange={(e) => set('flagged', e.target.checked)} />
        <label htmlFor="applications-flagged">Flagged only</label>
      </div>
      <button type="button" onClick={() => onChange(QUEUE_FILTERS)} disabled={isQueue} title="Submitted applications, oldest first">
        Show the queue
      </button>
    </form>
  );
}
