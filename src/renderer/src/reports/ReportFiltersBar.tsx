import { useApiQuery } from '../api/hooks.js';
import { Field } from '../components/Field.js';
import { SelectField } from '../components/SelectField.js';
import { useSignedIn } from '../session/SessionContext.js';
import type { ReportInfo } from './catalogue.js';
import { NO_REPORT_FILTERS, rangeProblem, type ReportFilters } from './filters.js';

interface Props {
  reports: readonly ReportInfo[];
  report: ReportInfo;
  onReport: (name: string) => void;
  filters: ReportFilters;
  onChange: (next: ReportFilters) => void;
  /** What is wrong with the licence year, once the typing has stopped. */
  yearError?: string | null;
}

/**
 * Which report, and its filters: those that apply to the report chosen (Licence year, State with
 * the report's own states, Officer). Clerks report on their own centre only, so theirs is fixed.
 */
export function ReportFiltersBar({ reports, report, onReport, filters, onChange, yearError }: Props) {
  const { user } = useSignedIn();
  const ownCentre = user.role === 'clerk';
  const centres = useApiQuery('centres.list', {}, { enabled: report.centre && !ownCentre });
  const set = <K extends keyof ReportFilters>(key: K, value: ReportFilters[K]) => onChange({ ...filters, [key]: value });
  const problem = rangeProblem(filters);
  const clear = JSON.stringify(filters) === JSON.stringify(NO_REPORT_FILTERS);
  // A state belongs to one report's records: a choice made for another report is not shown as chosen.
  const state = report.state?.options.some((o) => o.value === filters.state) ? filters.state : '';
  return (
    <form className="filters" role="search" aria-label="Report and filters" onSubmit={(e) => e.preventDefault()}>
      <SelectField
        label="Report"
        options={reports.map((r) => ({ value: r.name, label: r.label }))}
        value={report.name}
        onChange={(e) => onReport(e.target.value)}
      />
      <Field label="From" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set('from', e.target.value)} />
      <Field
        label="To"
        type="date"
        value={filters.to}
        min={filters.from || undefined}
        onChange={(e) => set('to', e.target.value)}
        error={problem ?? undefined}
      />
      {report.centre &&
        (ownCentre ? (
          <Field label="Centre" value={user.centreName ?? 'Your centre'} readOnly hint="Your own centre" />
        ) : (
          <SelectField
            label="Centre"
            empty="All centres"
            options={(centres.data ?? []).map((c) => ({ value: c.code, label: c.active ? c.name : `${c.name} (inactive)` }))}
            value={filters.centre}
            onChange={(e) => set('centre', e.target.value)}
          />
        ))}
      {report.licenceYear && (
        <Field
          label="Licence year"
          type="text"
          inputMode="numeric"
          pattern="[0-9]{4}"
          maxLength={4}
          placeholder="Any"
          value={filters.licenceYear}
          onChange={(e) => set('licenceYear', e.target.value)}
          error={yearError ?? undefined}
        />
      )}
      {report.state && (
        <SelectField label="State" empty="Any state" options={report.state.options} value={state} onChange={(e) => set('state', e.target.value)} />
      )}
      {report.officer && (
        <Field
          label="Officer"
          type="text"
          placeholder="Username"
          autoComplete="off"
          spellCheck={false}
          value={filters.officer}
          onChange={(e) => set('officer', e.target.value)}
        />
      )}
      <button type="button" onClick={() => onChange(NO_REPORT_FILTERS)} disabled={clear}>
        Clear filters
      </button>
    </form>
  );
}
