import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ExportJob } from '../../../shared/contract/insight.js';
import { useAnnounce } from '../shell/Announcer.js';
import { plural } from '../shell/labels.js';
import { exportCancel, exportSave, exportStart, exportStatus, type ExportRequest } from './exportApi.js';

/** How often a running export is asked for its progress. */
export const EXPORT_POLL_MS = 300;

const jobKey = (id: string | null) => ['export', id] as const;

/** The news of a job that has just stopped running. */
function finishedNews(job: ExportJob): string {
  const what = `${job.report} export (${job.format.toUpperCase()})`;
  if (job.state === 'done') return `The ${what} is ready: ${plural(job.rows, 'row')}. Choose Save to keep ${job.fileName}.`;
  if (job.state === 'cancelled') return `The ${what} was cancelled: no file was written.`;
  return `The ${what} failed: ${job.error ?? 'no reason was given'}.`;
}

/**
 * One export at a time: start it, follow its progress while it runs (polling the back end),
 * cancel it, and hand the finished file over (a download in the browser, a save dialog in
 * the desktop). Each change of state is announced in the status region.
 */
export function useExportJob() {
  const client = useQueryClient();
  const announce = useAnnounce();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: (input: ExportRequest) => exportStart(input),
    onSuccess: (job) => {
      client.setQueryData(jobKey(job.id), job);
      setJobId(job.id);
      announce(`Exporting the ${job.report} report as ${job.format.toUpperCase()}…`);
    },
  });
  const status = useQuery({
    queryKey: jobKey(jobId),
    queryFn: () => exportStatus(jobId!),
    enabled: jobId !== null,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.state === 'running' ? EXPORT_POLL_MS : false),
  });
  const cancel = useMutation({
    mutationFn: (id: string) => exportCancel(id),
    onSuccess: (job) => client.setQueryData(jobKey(job.id), job),
  });
  const save = useMutation({
    mutationFn: (id: string) => exportSave(id),
    onSuccess: (r) => announce(r.saved ? `Saved ${r.fileName}.` : `${r.fileName} was not saved.`),
  });

  const job = jobId ? status.data : undefined;
  const told = useRef<string | null>(null);
  useEffect(() => {
    if (!job || job.state === 'running' || told.current === job.id) return;
    told.current = job.id;
    announce(finishedNews(job));
  }, [job, announce]);

  return {
    job,
    running: start.isPending || job?.state === 'running',
    start: (input: ExportRequest) => {
      save.reset();
      cancel.reset();
      start.mutate(input);
    },
    startError: start.error,
    cancel: () => job && cancel.mutate(job.id),
    cancelError: cancel.error,
    /** Cancel was asked for this job (it may have finished first). */
    cancelRequested: cancel.isSuccess && cancel.variables === job?.id,
    cancelling: cancel.isPending || (cancel.isSuccess && job?.state === 'running'),
    save: () => job && save.mutate(job.id),
    saving: save.isPending,
    saved: save.data,
    saveError: save.error,
    /** Polling trouble: the job's state is not known. */
    statusError: status.error,
  };
}
