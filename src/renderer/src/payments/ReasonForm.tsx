import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { ApiError } from '../api/ApiError.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useFieldErrors } from '../components/useFieldErrors.js';
import { useAnnounce } from '../shell/Announcer.js';

interface Props<T> {
  title: string;
  /** What will happen, in plain words. */
  children?: ReactNode;
  danger?: boolean;
  run: (reason: string) => Promise<T>;
  /** The news announced once it is done. */
  news: (result: T) => string;
  onDone: () => void;
}

/** The shortest reason the back end takes (`reason` in the contract). */
const REASON_MIN = 3;

/**
 * The confirm area of a reconciliation action: a reason (required, kept in the audit trail),
 * then Confirm or Back (Escape). The reason is marked required from the start, and Confirm
 * waits until it is long enough.
 */
export function ReasonForm<T>({ title, children, danger, run, news, onDone }: Props<T>) {
  const id = useId();
  const announce = useAnnounce();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const command = useMutation<T, Error, string>({ mutationFn: run });
  const errors = useFieldErrors(command.error);
  const reasonReady = reason.trim().length >= REASON_MIN;

  useEffect(() => textarea.current?.focus(), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (command.isPending || !reasonReady) return;
    // Not mutate's own onSuccess: the refreshed payment may close this form before it would run.
    // (runCommand has refreshed what changed by then, or, when someone else got there first, the payment as it is now.)
    command.mutateAsync(reason.trim()).then(
      (result) => {
        announce(news(result));
        onDone();
      },
      () => undefined, // shown from command.error
    );
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onDone();
  }

  const reasonError = errors.of('reason');
  const otherError = command.error instanceof ApiError && command.error.field === 'reason' ? null : command.error;
  return (
    <form className={`decision reconcile-form${danger ? ' decision-reject' : ''}`} onSubmit={submit} onKeyDown={onKeyDown} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{title}</h3>
      {children && (
        <div className="muted" id={`${id}-why`}>
          {children}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason</label>
        <textarea
          id={`${id}-reason`}
          ref={textarea}
          rows={2}
          maxLength={1000}
          required
          aria-required
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={[children ? `${id}-why` : '', `${id}-hint`, reasonError ? `${id}-error` : ''].filter(Boolean).join(' ')}
          value={reason}
          onChange={(e) => {
            errors.edited('reason');
            setReason(e.target.value);
          }}
        />
        <p className="hint" id={`${id}-hint`}>
          Required: at least {REASON_MIN} characters. Kept in the audit trail with your name.
        </p>
        {reasonError && (
          <p className="field-error" id={`${id}-error`}>
            {reasonError}
          </p>
        )}
      </div>
      <ErrorAlert error={otherError} />
      <div className="actions">
        <button
          type="submit"
          className={danger ? 'danger' : 'primary'}
          disabled={command.isPending || !reasonReady}
          aria-describedby={reasonReady ? undefined : `${id}-hint`}
        >
          Confirm
        </button>
        <button type="button" onClick={onDone} title="Back (Escape)">
          Back
        </button>
      </div>
    </form>
  );
}
