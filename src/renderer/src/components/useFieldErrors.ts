import { useState } from 'react';
import { fieldError } from '../api/ApiError.js';

const NONE: ReadonlySet<string> = new Set();

export interface FieldErrors {
  /** The error shown under a field: none once the person has edited that field since the error came. */
  of(field: string): string | undefined;
  /** Call when the person edits a field: its error goes; the other fields keep theirs. */
  edited(field: string): void;
}

/** The field errors of a form's last failed attempt, each cleared as the person edits its field. */
export function useFieldErrors(error: unknown): FieldErrors {
  const [cleared, setCleared] = useState<{ error: unknown; fields: ReadonlySet<string> }>({ error: null, fields: NONE });
  // A new error (another attempt) shows all its fields again.
  const fields = cleared.error === error ? cleared.fields : NONE;
  return {
    of: (field) => (fields.has(field) ? undefined : fieldError(error, field)),
    edited: (field) => {
      if (fields.has(field) || !fieldError(error, field)) return;
      setCleared({ error, fields: new Set([...fields, field]) });
    },
  };
}
