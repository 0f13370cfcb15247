import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { ApiError, fieldError } from '../api/ApiError.js';
import { confirmKeyAria, confirmKeyName, isConfirmKey } from './confirmKey.js';
import { ErrorAlert } from './ErrorAlert.js';
import { useFieldErrors } from './useFieldErrors.js';

interface Props {
  /** Beside `decision`, e.g. `decision-reject` or `sms-action-resend`. */
  className: string;
  title: ReactNode;
  /** What will happen, in plain words; the Reason field is described by it. */
  why?: ReactNode;
  whyClassName?: string;
  /** Fields asked before the reason (e.g. a new centre). */
  children?: ReactNode;
  /** Shown under the reason field, before any error (e.g. the SMS it will send). */
  after?: ReactNode;
  /** Under the field: what the reason is for and when it is needed. */
  hint?: string;
  /** False: the reason may be left empty. */
  required?: boolean;
  /** Confirm waits until the reason is this long (it is described by the hint meanwhile). */
  minLength?: number;
  rows?: number;
  maxLength?: number;
  /** Focus the reason field when the form opens. */
  autoFocus?: boolean;
  /** A new value moves the focus back to the reason field (the action was asked for again). */
  focusSignal?: number;
  danger?: boolean;
  /** The second button: Cancel or Back; Escape does the same. */
  cancelLabel: 'Cancel' | 'Back';
  /** The command's state: Confirm waits while it runs; its error is shown here. */
  pending: boolean;
  error: Error | null;
  /** Error fields shown under Reason besides `reason` itself. */
  reasonFields?: readonly string[];
  /** Error fields the caller shows next to its own fields (not repeated in the alert). */
  otherFields?: readonly string[];
  /** Said under the alert when someone else changed the item first (`invalid_transition`). */
  conflictNote?: string;
  onReasonChange?: (reason: string) => void;
  /** Confirm with the trimmed reason; a returned message is a problem with it (nothing is sent). */
  onConfirm: (reason: string) => string | null | undefined | void;
  onCancel: () => void;
}

/**
 * The confirm area of an action that asks why: a Reason (kept in the audit trail), then Confirm,
 * or Cancel/Back (Escape); Ctrl+Enter (⌘+Enter on macOS) confirms from any field. Used by
 * decisions, payments, SMS and licences.
 */
export function ReasonConfirmForm(p: Props) {
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const errors = useFieldErrors(p.error);
  const required = p.required ?? true;
  const ready = reason.trim().length >= (p.minLength ?? 0);
  const autoFocus = p.autoFocus ?? true;

  useEffect(() => {
    if (autoFocus) textarea.current?.focus();
  }, [autoFocus, p.focusSignal]);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (p.pending || !ready) return;
    const found = p.onConfirm(reason.trim());
    const shown = typeof found === 'string' ? found : null;
    setProblem(shown);
    if (shown) textarea.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (isConfirmKey(event)) {
      event.preventDefault();
      submit();
      return;
    }
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    p.onCancel();
  }

  const alsoUnderReason = p.reasonFields ?? [];
  const reasonError = problem ?? errors.of('reason') ?? alsoUnderReason.map((f) => fieldError(p.error, f)).find(Boolean);
  const shownElsewhere = ['reason', ...alsoUnderReason, ...(p.otherFields ?? [])].some((f) => fieldError(p.error, f));
  const otherError = shownElsewhere ? null : p.error;
  const describedBy = [p.why ? `${id}-why` : '', p.hint ? `${id}-hint` : '', reasonError ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <form className={`decision ${p.className}`} onSubmit={submit} onKeyDown={onKeyDown} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{p.title}</h3>
      {p.why && (
        <div className={p.whyClassName ?? 'muted'} id={`${id}-why`}>
          {p.why}
        </div>
      )}
      {p.children}
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason</label>
        <textarea
          id={`${id}-reason`}
          ref={textarea}
          rows={p.rows ?? 2}
          maxLength={p.maxLength ?? 1000}
          required={required}
          aria-required={required}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={describedBy || undefined}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            p.onReasonChange?.(e.target.value);
            errors.edited('reason');
            setProblem(null);
          }}
        />
        {p.hint && (
          <p className="hint" id={`${id}-hint`}>
            {p.hint}
          </p>
        )}
        {reasonError && (
          <p className="field-error" id={`${id}-error`}>
            {reasonError}
          </p>
        )}
      </div>
      {p.after}
      <ErrorAlert error={otherError} />
      {p.conflictNote && otherError instanceof ApiError && otherError.code === 'invalid_transition' && <p className="muted">{p.conflictNote}</p>}
      <div className="actions">
        <button
          type="submit"
          className={p.danger ? 'danger' : 'primary'}
          disabled={p.pending || !ready}
          aria-describedby={ready || !p.hint ? undefined : `${id}-hint`}
          aria-keyshortcuts={confirmKeyAria()}
          title={`Confirm (${confirmKeyName()})`}
        >
          Confirm
        </button>
        <button type="button" onClick={p.onCancel} title={`${p.cancelLabel} (Escape)`}>
          {p.cancelLabel}
        </button>
      </div>
    </form>
  );
}
