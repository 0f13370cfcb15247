import type { GridPage } from '../components/useServerGrid.js';
import { useSessionFilters } from '../components/useSessionFilters.js';
import type { QueryInput } from '../../../shared/contract/index.js';

export interface AuditFilters {
  /** A username. */
  actor: string;
  /** The start of an action's name, e.g. `application.` or `session.login`. */
  action: string;
  entity: string;
  /** Nairobi days `YYYY-MM-DD`, both inclusive, or ''. */
  from: string;
  to: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = { actor: '', action: '', entity: '', from: '', to: '' };

/** Under the session layer's screen-state prefix, so signing out forgets it. */
const STORAGE_KEY = 'kmlttb.screen.audit.filters';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Filters survive a reload of this tab. */
export function useAuditFilters(): [AuditFilters, (next: AuditFilters) => void] {
  return useSessionFilters(STORAGE_KEY, NO_AUDIT_FILTERS);
}

export function auditRangeProblem(f: AuditFilters): string | null {
  return DAY.test(f.from) && DAY.test(f.to) && f.from > f.to ? 'From is after To: no event can match.' : null;
}

/** The filters as `audit.list` takes them (text already trimmed and settled); newest first. */
export function toAuditInput(f: AuditFilters, page: GridPage): QueryInput<'audit.list'> {
  const input: QueryInput<'audit.list'> = { ...page };
  if (f.actor.trim()) input.actor = f.actor.trim();
  if (f.action.trim()) input.action = f.action.trim();
  if (f.entity.trim()) input.entity = f.entity.trim();
  if (DAY.test(f.from)) input.from = f.from;
  if (DAY.test(f.to)) input.to = f.to;
  return input;
}
