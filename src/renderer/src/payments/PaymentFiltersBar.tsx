import { SearchField } from '../components/SearchField.js';
import { SelectField } from '../components/SelectField.js';
import { NO_PAYMENT_FILTERS, type PaymentFilters } from './filters.js';
import { PAYMENT_STATE_LABEL } from './labels.js';

const STATE_OPTIONS = (['unmatched', 'matched', 'ignored', 'refund_due'] as const).map((s) => ({ value: s, label: PAYMENT_STATE_LABEL[s] }));

interface Props {
  filters: PaymentFilters;
  onChange: (next: PaymentFilters) => void;
  /** The All tab also filters by state. */
  withState: boolean;
}

/** Search and filters above the payments grid; all filtering happens on the server. */
export function PaymentFiltersBar({ filters, onChange, withState }: Props) {
  const set = <K extends keyof PaymentFilters>(key: K, value: PaymentFilters[K]) => onChange({ ...filters, [key]: value });
  const clear = JSON.stringify(filters) === JSON.stringify(NO_PAYMENT_FILTERS);
  return (
    <form className="filters" role="search" aria-label="Filter payments" onSubmit={(e) => e.preventDefault()}>
      <SearchField
        id="payments-search"
        label="Search payments"
        placeholder="Transaction id, reference, payer name or phone, bill or application reference"
        value={filters.search}
        onChange={(v) => set('search', v)}
        wide
      />
      {withState && (
        <SelectField
          label="State"
          empty="Any state"
          options={STATE_OPTIONS}
          value={filters.state}
          onChange={(e) => set('state', e.target.value as PaymentFilters['state'])}
        />
      )}
      <div className="field checkbox">
        <input id="payments-in-period" type="checkbox" checked={filters.inPeriod} onChange={(e) => set('inPeriod', e.target.checked)} />
        <label htmlFor="payments-in-period">Only paid in the period</label>
      </div>
      <button type="button" onClick={() => onChange(NO_PAYMENT_FILTERS)} disabled={clear}>
        Clear filters
      </button>
    </form>
  );
}
