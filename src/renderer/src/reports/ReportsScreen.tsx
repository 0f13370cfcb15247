import { useMemo, useState } from 'react';
import { useApiQuery } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useDebounced } from '../components/useDebounced.js';
import { useSignedIn } from '../session/SessionContext.js';
import { navigate } from '../shell/routes.js';
import { reportsFor } from './catalogue.js';
import { ExportPanel } from './ExportPanel.js';
import { filtersProblem, NO_REPORT_FILTERS, toReportInput, yearProblem, type ReportFilters } from './filters.js';
import { PreviewGrid } from './PreviewGrid.js';
import { ReportFiltersBar } from './ReportFiltersBar.js';

/** Rows shown on screen; the export holds them all. */
export const PREVIEW_ROWS = 100;
/** Typed filters (licence year, officer) are used once the typing stops. */
const TYPING_MS = 300;

/** Reports (#/reports/<name>): choose one, filter it, look at its first rows, export it to CSV, XLSX or PDF. */
export function ReportsScreen({ report: inRoute }: { report: string | undefined }) {
  const session = useSignedIn();
  const reports = useMemo(() => reportsFor(session.permissions), [session.permissions]);
  const report = reports.find((r) => r.name === inRoute) ?? reports[0];
  const [filters, setFilters] = useState<ReportFilters>(NO_REPORT_FILTERS);
  const officer = useDebounced(filters.officer, TYPING_MS);
  const licenceYear = useDebounced(filters.licenceYear, TYPING_MS);
  const settled = { ...filters, officer, licenceYear };
  const problem = report ? filtersProblem(report, settled) : null;
  const input = report && !problem ? toReportInput(report, settled) : null;
  const preview = useApiQuery(
    'reports.preview',
    { ...(input ?? { report: 'applications' }), limit: PREVIEW_ROWS },
    { enabled: input !== null, keepPrevious: true },
  );

  if (!report) {
    return (
      <section className="screen" aria-labelledby="reports-title">
        <h1 id="reports-title">Reports</h1>
        <p>Your account may not run any report. Ask an administrator.</p>
      </section>
    );
  }
  const shown = preview.data && input ? preview.data : undefined;
  return (
    <section className="screen reports-screen" aria-labelledby="reports-title">
      <div className="screen-head">
        <h1 id="reports-title">Reports</h1>
      </div>
      <ReportFiltersBar
        reports={reports}
        report={report}
        onReport={(name) => navigate('reports', name)}
        filters={filters}
        onChange={setFilters}
        yearError={report.licenceYear ? yearProblem(settled) : null}
      />
      <p className="muted">
        One row per {report.rowIs}. From and To are Nairobi days, both included, and filter on {report.dates}.
        {report.state && ` State is the state of ${report.state.of}.`}
        {report.officer && ` Officer is the username of ${report.officer}.`}
      </p>
      <ExportPanel request={input} />
      <h2 id="preview-title">Preview</h2>
      {preview.error && <ErrorAlert error={preview.error} />}
      <PreviewGrid
        report={report.name}
        preview={shown}
        busy={preview.isFetching}
        empty={problem ? 'Fix the filters to see the report.' : preview.isPending ? 'Loading the report…' : 'No rows match these filters.'}
      />
      {shown && (
        <p className="muted" aria-live="polite">
          {shown.more
            ? `Showing the first ${PREVIEW_ROWS} rows; an export holds them all.`
            : `${shown.rows.length.toLocaleString('en-KE')} ${shown.rows.length === 1 ? 'row' : 'rows'} in all.`}
        </p>
      )}
    </section>
  );
}
