import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { FollowedImport } from '../../../shared/bridge.js';
import type { CommandResult } from '../../../shared/contract/index.js';
import { runCommand, runFollowedImport } from '../api/client.js';
import { ErrorAlert } from './ErrorAlert.js';
import { readFileAsBase64 } from './readFile.js';

export interface ChosenFile {
  fileName: string;
  dataBase64: string;
}

/** Rows stored of the total while an import runs (total null until the file is read). */
export interface ImportProgressState {
  done: number;
  total: number | null;
}

/**
 * An import dialog's steps: choosing a file reads it and starts a dry run (`check`); `commit` then
 * imports it for real, followed row by row (`progress`) and cancellable (`cancel`: nothing of it
 * is kept), and `onImported` runs once it has.
 */
export function useFileImport<N extends FollowedImport>(command: N, onImported: (report: CommandResult<N>) => Promise<void>) {
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [readError, setReadError] = useState<unknown>(null);
  const [progress, setProgress] = useState<ImportProgressState | null>(null);
  const running = useRef<AbortController | null>(null);

  const check = useMutation({ mutationFn: (file: ChosenFile) => runCommand(command, { ...file, dryRun: true } as never) as Promise<CommandResult<N>> });
  const commit = useMutation({
    mutationFn: async (file: ChosenFile) => {
      const controller = new AbortController();
      running.current = controller;
      setProgress({ done: 0, total: null });
      try {
        return await runFollowedImport(command, { ...file, dryRun: false } as never, {
          signal: controller.signal,
          onProgress: (done, total) => setProgress({ done, total }),
        });
      } finally {
        running.current = null;
        setProgress(null);
      }
    },
    onSuccess: onImported,
  });
  const cancel = () => running.current?.abort();
  // Closing the dialog while it imports cancels the import: nothing runs on unseen.
  useEffect(() => () => running.current?.abort(), []);

  async function choose(file: File | undefined) {
    setReadError(null);
    check.reset();
    commit.reset();
    setChosen(null);
    if (!file) return;
    try {
      const next = { fileName: file.name, dataBase64: await readFileAsBase64(file) };
      setChosen(next);
      check.mutate(next);
    } catch (error) {
      setReadError(error);
    }
  }

  const dry = check.data;
  const done = commit.data;
  const canImport = chosen && dry && dry.problems.length === 0 && !done;
  return { chosen, readError, check, commit, choose, dry, done, canImport, progress, cancel };
}

/** `Importing: 500 of 1,200 rows`, with a progress bar, while an import runs. */
function ImportProgress({ progress }: { progress: ImportProgressState | null }) {
  if (!progress) return null;
  const { done, total } = progress;
  const text = total === null ? 'Importing: reading the file…' : `Importing: ${done.toLocaleString('en-KE')} of ${total.toLocaleString('en-KE')} rows`;
  return (
    <p className="import-progress">
      <progress aria-label="Import progress" value={total === null ? undefined : done} max={total === null ? undefined : Math.max(1, total)} />{' '}
      <span>{text}</span>
    </p>
  );
}

/** `2.4 MB`, from the base64 length. */
function sizeOf(base64: string): string {
  const bytes = (base64.length * 3) / 4;
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.ceil(bytes / 1000)} kB`;
}

/**
 * An import dialog below its file field: what went wrong, the check or the import under way, the
 * report of the check (or of the import once done), then Import and Cancel or Close. Cancel while
 * importing stops the import.
 */
export function ImportSteps<N extends FollowedImport>({
  file,
  Report,
  onClose,
}: {
  file: ReturnType<typeof useFileImport<N>>;
  Report: (props: { report: CommandResult<N> }) => ReactNode;
  onClose: () => void;
}) {
  const { chosen, readError, check, commit, dry, done, canImport, progress, cancel } = file;
  const importing = commit.isPending;
  const report = done ?? dry;
  return (
    <>
      <ErrorAlert error={readError ?? check.error ?? commit.error} />
      {check.isPending && chosen && (
        <p className="muted">
          <progress aria-label="Checking the file" /> Checking {chosen.fileName} ({sizeOf(chosen.dataBase64)})…
        </p>
      )}
      <ImportProgress progress={progress} />
      {report && <Report report={report} />}
      <div className="actions">
        {!done && (
          <button type="button" className="primary" disabled={!canImport || importing} onClick={() => chosen && commit.mutate(chosen)}>
            {importing ? 'Importing…' : 'Import'}
          </button>
        )}
        <button type="button" onClick={importing ? cancel : onClose}>
          {done ? 'Close' : 'Cancel'}
        </button>
      </div>
    </>
  );
}
