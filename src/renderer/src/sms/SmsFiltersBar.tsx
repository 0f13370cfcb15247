import { SMS_EVENTS, SMS_STATES } from '../../../shared/contract/sms.js';
import { Field } from '../components/Field.js';
import { SearchField } from '../components/SearchField.js';
import { SelectField } from '../components/SelectField.js';
import { dateRangeProblem, NO_SMS_FILTERS, type SmsFilters } from './filters.js';
import { SMS_EVENT_LABEL, SMS_STATE_LABEL } from './labels.js';

const STATE_OPTIONS = SMS_STATES.map((s) => ({ value: s, label: SMS_STATE_LABEL[s] }));
const EVENT_OPTIONS = SMS_EVENTS.map((e) => ({ value: e, label: SMS_EVENT_LABEL[e] }));

interface Props {
  filters: SmsFilters;
  onChange: (next: SmsFilters) => void;
}

/** Filters above the SMS grid; all filtering happens on the server. Days are Nairobi days. */
export function SmsFiltersBar({ filters, onChange }: Props) {
  const set = <K extends keyof SmsFilters>(key: K, value: SmsFilters[K]) => onChange({ ...filters, [key]: value });
  const rangeProblem = dateRangeProblem(filters);
  const clear = JSON.stringify(filters) === JSON.stringify(NO_SMS_FILTERS);
  return (
    <form className="filters" role="search" aria-label="Filter messages" onSubmit={(e) => e.preventDefault()}>
      <SearchField id="sms-search" label="Search messages" placeholder="Phone, reference or text" value={filters.search} onChange={(v) => set('search', v)} />
      <SelectField
        label="State"
        empty="Any state"
        options={STATE_OPTIONS}
        value={filters.state}
        onChange={(e) => set('state', e.target.value as SmsFilters['state'])}
      />
      <SelectField
        label="Event"
        empty="Any event"
        options={EVENT_OPTIONS}
        value={filters.event}
        onChange={(e) => set('event', e.target.value as SmsFilters['event'])}
      />
      <Field label="From" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set('from', e.target.value)} />
      <Field
        label="To"
        type="date"
        value={filters.to}
        min={filters.from || undefined}
        onChange={(e) => set('to', e.target.value)}
        error={rangeProblem ?? undefined}
      />
      <button type="button" onClick={() => onChange(NO_SMS_FILTERS)} disabled={clear}>
        Clear filters
      </button>
    </form>
  );
}
