import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { FollowedImport } from '../../../shared/bridge.js';
import type { CommandResult } from '../../../shared/contract/index.js';
import { runCommand, runFollowedImport } from '../api/client.js';
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
export function ImportProgress({ progress }: { progress: ImportProgressState | null }) {
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

/** The import dialog's buttons: Import (until it is done), then Cancel or Close; Cancel while importing stops the import. */
export function ImportActions({
  done,
  canImport,
  importing,
  onImport,
  onCancelImport,
  onClose,
}: {
  done: boolean;
  canImport: boolean;
  importing: boolean;
  onImport: () => void;
  onCancelImport: () => void;
  onClose: () => void;
}) {
  return (
    <div className="actions">
      {!done && (
        <button type="button" className="primary" disabled={!canImport || importing} onClick={onImport}>
          {importing ? 'Importing…' : 'Import'}
        </button>
      )}
      <button type="button" onClick={importing ? onCancelImport : onClose}>
        {done ? 'Close' : 'Cancel'}
      </button>
    </div>
  );
}
