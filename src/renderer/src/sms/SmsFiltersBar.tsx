import { SMS_EVENTS, SMS_STATES } from '../../../shared/contract/sms.js';
import { DateRangeFields, filterFields, FiltersForm } from '../components/FiltersForm.js';
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
  const { set, bind } = filterFields(filters, onChange);
  return (
    <FiltersForm label="Filter messages" filters={filters} reset={NO_SMS_FILTERS} onChange={onChange}>
      <SearchField id="sms-search" label="Search messages" placeholder="Phone, reference or text" value={filters.search} onChange={(v) => set('search', v)} />
      <SelectField label="State" empty="Any state" options={STATE_OPTIONS} {...bind('state')} />
      <SelectField label="Event" empty="Any event" options={EVENT_OPTIONS} {...bind('event')} />
      <DateRangeFields from={filters.from} to={filters.to} problem={dateRangeProblem(filters)} onChange={(range) => onChange({ ...filters, ...range })} />
    </FiltersForm>
  );
}
