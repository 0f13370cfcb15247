import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { readFileAsBase64 } from './readFile.js';

export interface ChosenFile {
  fileName: string;
  dataBase64: string;
}

/**
 * An import dialog's steps: choosing a file reads it and starts a dry run (`check`); `commit` then
 * imports it for real, and `onImported` runs once it has.
 */
export function useFileImport<R extends { problems: readonly unknown[] }>(
  run: (file: ChosenFile & { dryRun: boolean }) => Promise<R>,
  onImported: (report: R) => Promise<void>,
) {
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [readError, setReadError] = useState<unknown>(null);

  const check = useMutation({ mutationFn: (file: ChosenFile) => run({ ...file, dryRun: true }) });
  const commit = useMutation({
    mutationFn: (file: ChosenFile) => run({ ...file, dryRun: false }),
    onSuccess: onImported,
  });

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
  return { chosen, readError, check, commit, choose, dry, done, canImport };
}

/** The import dialog's buttons: Import (until it is done), then Cancel or Close. */
export function ImportActions({
  done,
  canImport,
  importing,
  onImport,
  onClose,
}: {
  done: boolean;
  canImport: boolean;
  importing: boolean;
  onImport: () => void;
  onClose: () => void;
}) {
  return (
    <div className="actions">
      {!done && (
        <button type="button" className="primary" disabled={!canImport || importing} onClick={onImport}>
          {importing ? 'Importing…' : 'Import'}
        </button>
      )}
      <button type="button" onClick={onClose}>
        {done ? 'Close' : 'Cancel'}
      </button>
    </div>
  );
}
