import { SMS_STATES, type SmsEvent, type SmsState } from '../../../shared/contract/sms.js';
import type { QueryInput } from '../../../shared/contract/index.js';
import type { GridPage } from '../components/useServerGrid.js';
import { useSessionFilters } from '../components/useSessionFilters.js';

export interface SmsFilters {
  search: string;
  state: SmsState | '';
  event: SmsEvent | '';
  /** Nairobi days `YYYY-MM-DD`, both inclusive, or ''. */
  from: string;
  to: string;
}

export const NO_SMS_FILTERS: SmsFilters = { search: '', state: '', event: '', from: '', to: '' };

/** Under the session layer's screen-state prefix, so signing out forgets it. */
const STORAGE_KEY = 'kmlttb.screen.sms.filters';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Filters survive a reload of this tab. A state in the route (#/sms/failed, as the Dashboard links) starts from that state alone. */
export function useSmsFilters(stateInRoute?: string): [SmsFilters, (next: SmsFilters) => void] {
  return useSessionFilters(STORAGE_KEY, NO_SMS_FILTERS, {
    screen: 'sms',
    stateInRoute,
    states: SMS_STATES,
  });
}

/** A date range that cannot match anything, said in words; null when it is fine. */
export function dateRangeProblem(f: SmsFilters): string | null {
  return f.from && f.to && DAY.test(f.from) && DAY.test(f.to) && f.from > f.to ? 'From is after To: no message can match.' : null;
}

export function toSmsListInput(f: SmsFilters, search: string, page: GridPage): QueryInput<'sms.list'> {
  const input: QueryInput<'sms.list'> = { ...page };
  if (f.state) input.state = f.state;
  if (f.event) input.event = f.event;
  if (DAY.test(f.from)) input.from = f.from;
  if (DAY.test(f.to)) input.to = f.to;
  if (search) input.search = search;
  return input;
}
