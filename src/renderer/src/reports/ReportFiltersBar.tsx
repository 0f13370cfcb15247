import { useApiQuery } from '../api/hooks.js';
import { Field } from '../components/Field.js';
import { DateRangeFields, filterFields, FiltersForm } from '../components/FiltersForm.js';
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
  const { set, bind } = filterFields(filters, onChange);
  // A state belongs to one report's records: a choice made for another report is not shown as chosen.
  const state = report.state?.options.some((o) => o.value === filters.state) ? filters.state : '';
  return (
    <FiltersForm label="Report and filters" filters={filters} reset={NO_REPORT_FILTERS} onChange={onChange}>
      <SelectField
        label="Report"
        options={reports.map((r) => ({ value: r.name, label: r.label }))}
        value={report.name}
        onChange={(e) => onReport(e.target.value)}
      />
      <DateRangeFields from={filters.from} to={filters.to} problem={rangeProblem(filters)} onChange={(range) => onChange({ ...filters, ...range })} />
      {report.centre &&
        (ownCentre ? (
          <Field label="Centre" value={user.centreName ?? 'Your centre'} readOnly hint="Your own centre" />
        ) : (
          <SelectField
            label="Centre"
            empty="All centres"
            options={(centres.data ?? []).map((c) => ({ value: c.code, label: c.active ? c.name : `${c.name} (inactive)` }))}
            {...bind('centre')}
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
          {...bind('licenceYear')}
          error={yearError ?? undefined}
        />
      )}
      {report.state && (
        <SelectField label="State" empty="Any state" options={report.state.options} value={state} onChange={(e) => set('state', e.target.value)} />
      )}
      {report.officer && <Field label="Officer" type="text" placeholder="Username" autoComplete="off" spellCheck={false} {...bind('officer')} />}
    </FiltersForm>
  );
}
