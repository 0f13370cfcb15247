import { CheckboxField, filterFields, FiltersForm } from '../components/FiltersForm.js';
import { SearchField } from '../components/SearchField.js';
import { SelectField } from '../components/SelectField.js';
import { NO_PAYMENT_FILTERS, type PaymentFilters } from './filters.js';
import { PAYMENT_STATE_LABEL } from './labels.js';

const STATE_OPTIONS = (['unmatched', 'matched', 'ignored', 'refund_due'] as const).map((s) => ({ value: s, label: PAYMENT_STATE_LABEL[s] }));

/** The bar's search box. */
const SEARCH = {
  id: 'payments-search',
  label: 'Search payments',
  placeholder: 'Transaction id, reference, payer name or phone, bill or application reference',
  wide: true,
};

interface Props {
  filters: PaymentFilters;
  onChange: (next: PaymentFilters) => void;
  /** The All tab also filters by state. */
  withState: boolean;
}

/** Search and filters above the payments grid; all filtering happens on the server. */
export function PaymentFiltersBar({ filters, onChange, withState }: Props) {
  const { set, bind } = filterFields(filters, onChange);
  return (
    <FiltersForm label="Filter payments" filters={filters} reset={NO_PAYMENT_FILTERS} onChange={onChange}>
      <SearchField {...SEARCH} value={filters.search} onChange={(v) => set('search', v)} />
      {withState && <SelectField label="State" empty="Any state" options={STATE_OPTIONS} {...bind('state')} />}
      <CheckboxField id="payments-in-period" label="Only paid in the period" checked={filters.inPeriod} onChange={(v) => set('inPeriod', v)} />
    </FiltersForm>
  );
}
