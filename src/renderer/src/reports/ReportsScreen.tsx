import { useMemo, useState } from 'react';
import { useApiQuery } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useSignedIn } from '../session/SessionContext.js';
import { navigate } from '../shell/routes.js';
import { reportsFor } from './catalogue.js';
import { ExportPanel } from './ExportPanel.js';
import { NO_REPORT_FILTERS, rangeProblem, toReportInput, type ReportFilters } from './filters.js';
import { PreviewGrid } from './PreviewGrid.js';
import { ReportFiltersBar } from './ReportFiltersBar.js';

/** Rows shown on screen; the export holds them all. */
export const PREVIEW_ROWS = 100;

/** Reports (#/reports/<name>): choose one, filter it, look at its first rows, export it to CSV, XLSX or PDF. */
export function ReportsScreen({ report: inRoute }: { report: string | undefined }) {
  const session = useSignedIn();
  const reports = useMemo(() => reportsFor(session.permissions), [session.permissions]);
  const report = reports.find((r) => r.name === inRoute) ?? reports[0];
  const [filters, setFilters] = useState<ReportFilters>(NO_REPORT_FILTERS);
  const problem = rangeProblem(filters);
  const input = report && !problem ? toReportInput(report, filters) : null;
  const preview = useApiQuery('reports.preview', { ...(input ?? { report: 'applications' }), limit: PREVIEW_ROWS }, { enabled: input !== null, keepPrevious: true });

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
      <ReportFiltersBar reports={reports} report={report} onReport={(name) => navigate('reports', name)} filters={filters} onChange={setFilters} />
      <p className="muted">
        One row per {report.rowIs}. From and To are Nairobi days, both included, and filter on {report.dates}.
      </p>
      <ExportPanel request={input} />
      <h2 id="preview-title">Preview</h2>
      {preview.error && <ErrorAlert error={preview.error} />}
      <PreviewGrid
        preview={shown}
        busy={preview.isFetching}
        empty={problem ? 'Fix the dates to see the report.' : preview.isPending ? 'Loading the report…' : 'No rows match these filters.'}
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
