import { useSessionFilters } from '../components/useSessionFilters.js';
import type { QueryInput } from '../../../shared/contract/index.js';
import { periodInput, type Period } from './period.js';
import type { PaymentTab } from './tabs.js';

export interface PaymentFilters {
  search: string;
  /** In the All tab: one state, or '' for any. */
  state: '' | 'unmatched' | 'matched' | 'ignored' | 'refund_due';
  /** Only payments paid in the totals' period. */
  inPeriod: boolean;
}

export const NO_PAYMENT_FILTERS: PaymentFilters = { search: '', state: '', inPeriod: false };

/** Under the session layer's screen-state prefix, so signing out forgets it. */
const STORAGE_KEY = 'kmlttb.screen.payments.filters';

/** Filters survive a reload of this tab. */
export function usePaymentFilters(): [PaymentFilters, (next: PaymentFilters) => void] {
  return useSessionFilters(STORAGE_KEY, NO_PAYMENT_FILTERS);
}

/** The part of a `payments.list` input the filters decide; sort and page belong to the grid. */
export type PaymentsQuery = Pick<QueryInput<'payments.list'>, 'view' | 'search' | 'from' | 'to'>;

export function toPaymentsQuery(tab: Exclude<PaymentTab, 'exceptions'>, f: PaymentFilters, search: string, period: Period): PaymentsQuery {
  const view = tab === 'all' ? f.state || 'all' : tab;
  return { view, ...(search ? { search } : {}), ...(f.inPeriod ? periodInput(period) : {}) };
}
