import type { QueryInput } from '../../../shared/contract/index.js';
import type { ReportInfo } from './catalogue.js';

/** Nairobi days `YYYY-MM-DD` (both inclusive) or ''; a centre's code or ''. */
export interface ReportFilters {
  from: string;
  to: string;
  centre: string;
}

export const NO_REPORT_FILTERS: ReportFilters = { from: '', to: '', centre: '' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function rangeProblem(f: ReportFilters): string | null {
  return DAY.test(f.from) && DAY.test(f.to) && f.from > f.to ? 'From is after To: no row can match.' : null;
}

/** The filters as the back end takes them: only well-formed days, the centre only where it applies. */
export function toReportInput(report: ReportInfo, f: ReportFilters): Omit<QueryInput<'reports.preview'>, 'limit'> {
  return {
    report: report.name,
    ...(DAY.test(f.from) ? { from: f.from } : {}),
    ...(DAY.test(f.to) ? { to: f.to } : {}),
    ...(report.centre && f.centre ? { centre: f.centre } : {}),
  };
}
