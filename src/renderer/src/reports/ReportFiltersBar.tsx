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
}

/** Which report, and its filters. Clerks report on their own centre only, so theirs is fixed. */
export function ReportFiltersBar({ reports, report, onReport, filters, onChange }: Props) {
  const { user } = useSignedIn();
  const ownCentre = user.role === 'clerk';
  const centres = useApiQuery('centres.list', {}, { enabled: report.centre && !ownCentre });
  const set = <K extends keyof ReportFilters>(key: K, value: ReportFilters[K]) => onChange({ ...filters, [key]: value });
  const problem = rangeProblem(filters);
  const clear = JSON.stringify(filters) === JSON.stringify(NO_REPORT_FILTERS);
  return (
    <form className="filters" role="search" aria-label="Report and filters" onSubmit={(e) => e.preventDefault()}>
      <SelectField
        label="Report"
        options={reports.map((r) => ({ value: r.name, label: r.label }))}
        value={report.name}
        onChange={(e) => onReport(e.target.value)}
      />
      <Field label="From" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set('from', e.target.value)} />
      <Field label="To" type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => set('to', e.target.value)} error={problem ?? undefined} />
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
      <button type="button" onClick={() => onChange(NO_REPORT_FILTERS)} disabled={clear}>
        Clear filters
      </button>
    </form>
  );
}
