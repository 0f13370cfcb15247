import type { QueryInput } from '../../../shared/contract/index.js';
import type { ReportInfo } from './catalogue.js';

/**
 * Nairobi days `YYYY-MM-DD` (both inclusive) or ''; a centre's code or ''; a licence year as typed
 * or ''; a state of the report's records or ''; an officer's username or ''.
 */
export interface ReportFilters {
  from: string;
  to: string;
  centre: string;
  licenceYear: string;
  state: string;
  officer: string;
}

export const NO_REPORT_FILTERS: ReportFilters = { from: '', to: '', centre: '', licenceYear: '', state: '', officer: '' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const YEAR = /^\d{4}$/;
/** The years the back end takes. */
export const LICENCE_YEARS = { min: 2000, max: 2100 } as const;

export function rangeProblem(f: ReportFilters): string | null {
  return DAY.test(f.from) && DAY.test(f.to) && f.from > f.to ? 'From is after To: no row can match.' : null;
}

/** What is wrong with the licence year typed, if anything. */
export function yearProblem(f: ReportFilters): string | null {
  const typed = f.licenceYear.trim();
  if (typed === '') return null;
  const year = Number(typed);
  return YEAR.test(typed) && year >= LICENCE_YEARS.min && year <= LICENCE_YEARS.max
    ? null
    : `A licence year is four digits, ${LICENCE_YEARS.min} to ${LICENCE_YEARS.max}.`;
}

/** Why the filters cannot be used for the report as they are, if they cannot. */
export function filtersProblem(report: ReportInfo, f: ReportFilters): string | null {
  return rangeProblem(f) ?? (report.licenceYear ? yearProblem(f) : null);
}

/**
 * The filters as the back end takes them: only well-formed days and years, and only the filters
 * that apply to the report (a state chosen for another report is not sent).
 */
export function toReportInput(report: ReportInfo, f: ReportFilters): Omit<QueryInput<'reports.preview'>, 'limit'> {
  const officer = f.officer.trim();
  return {
    report: report.name,
    ...(DAY.test(f.from) ? { from: f.from } : {}),
    ...(DAY.test(f.to) ? { to: f.to } : {}),
    ...(report.centre && f.centre ? { centre: f.centre } : {}),
    ...(report.licenceYear && !yearProblem(f) && f.licenceYear.trim() ? { licenceYear: Number(f.licenceYear.trim()) } : {}),
    ...(report.state && report.state.options.some((o) => o.value === f.state) ? { state: f.state } : {}),
    ...(report.officer && officer ? { officer } : {}),
  };
}
