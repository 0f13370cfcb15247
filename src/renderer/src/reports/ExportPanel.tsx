import { useEffect, useRef } from 'react';
import type { ExportJob } from '../../../shared/contract/insight.js';
import { useApiQuery } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { plural } from '../shell/labels.js';
import type { ExportFormat, ExportRequest } from './exportApi.js';
import { useExportJob } from './useExportJob.js';

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'Export CSV' },
  { format: 'xlsx', label: 'Export XLSX' },
  { format: 'pdf', label: 'Export PDF' },
];

interface Props {
  /** The report and filters to export; null while the filters cannot be used. */
  request: Omit<ExportRequest, 'format'> | null;
}

function JobLine({ job }: { job: ExportJob }) {
  const what = `${job.report} as ${job.format.toUpperCase()}`;
  switch (job.state) {
    case 'running':
      return (
        <p>
          Writing {what}: {plural(job.rows, 'row')} so far.
        </p>
      );
    case 'done':
      return (
        <p className="ok-box">
          Ready: <strong>{job.fileName}</strong>, {plural(job.rows, 'row')}.
        </p>
      );
    case 'cancelled':
      return <p className="notice">The export of {what} was cancelled: no file was written.</p>;
    case 'failed':
      return (
        <div className="alert" role="alert">
          <p>
            The export of {what} failed: {job.error ?? 'no reason was given'}.
          </p>
        </div>
      );
  }
}

/** Export buttons for the report on screen; the export runs in the back end with progress, Cancel and Save. */
export function ExportPanel({ request }: Props) {
  const ex = useExportJob();
  const policy = useApiQuery('exports.policy', {});
  const saveRef = useRef<HTMLButtonElement>(null);
  const job = ex.job;
  const done = job?.state === 'done';

  // When the file is ready, Save is where the person goes next.
  useEffect(() => {
    if (done) saveRef.current?.focus();
  }, [done, job?.id]);

  return (
    <section className="export-panel" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      {policy.data && (
        <p className="muted">Exported files are removed from this computer after {plural(policy.data.keepDays, 'day')}: save the ones you need to keep.</p>
      )}
      <div className="actions">
        {FORMATS.map((f) => (
          <button key={f.format} type="button" disabled={!request || ex.running} onClick={() => request && ex.start({ ...request, format: f.format })}>
            {f.label}
          </button>
        ))}
      </div>
      <ErrorAlert error={ex.startError} />
      {job && (
        <div className="export-job" aria-busy={job.state === 'running' || undefined}>
          {job.state === 'running' && <progress aria-label="Export progress" />}
          <JobLine job={job} />
          {done && ex.cancelRequested && <p className="muted">The export had already finished when Cancel arrived, so the file is kept.</p>}
          <div className="actions">
            {job.state === 'running' && (
              <button type="button" onClick={ex.cancel} disabled={ex.cancelling}>
                Cancel
              </button>
            )}
            {done && (
              <button ref={saveRef} type="button" className="primary" onClick={ex.save} disabled={ex.saving}>
                Save
              </button>
            )}
            {done && ex.saved && <span className="muted">{ex.saved.saved ? `Saved ${ex.saved.fileName}.` : 'Not saved.'}</span>}
          </div>
          <ErrorAlert error={ex.cancelError ?? ex.saveError ?? ex.statusError} />
        </div>
      )}
    </section>
  );
}
