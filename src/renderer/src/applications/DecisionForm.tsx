import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ApplicationDetail, DecisionResult } from '../../../shared/contract/applications.js';
import { ApiError, fieldError } from '../api/ApiError.js';
import { runCommand } from '../api/client.js';
import { useApiQuery } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useFieldErrors } from '../components/useFieldErrors.js';
import { useDebounced } from '../components/useDebounced.js';
import { DECISIONS, reasonProblem, reasonRule, type DecisionKind } from './decisions.js';
import { SmsPreviewBox } from './SmsPreviewBox.js';

interface Props {
  app: ApplicationDetail;
  kind: DecisionKind;
  onCancel: () => void;
  onDecided: (result: DecisionResult, kind: DecisionKind, applicationRef: string) => void;
}

/** The inline confirm area of a decision: reason, SMS preview, Confirm or Cancel (Escape). */
export function DecisionForm({ app, kind, onCancel, onDecided }: Props) {
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const settledReason = useDebounced(reason.trim(), 350);
  const decision = DECISIONS[kind];
  const rule = reasonRule(kind, app);

  const preview = useApiQuery(
    'application.smsPreview',
    { applicationId: app.id, decision: kind, ...(settledReason ? { reason: settledReason } : {}) },
    { keepPrevious: true },
  );

  const send = useMutation<DecisionResult, Error, void>({
    mutationFn: () => {
      const text = reason.trim();
      const input = { applicationId: app.id, reason: text };
      if (kind === 'approve') return runCommand('application.approve', text ? input : { applicationId: app.id });
      return runCommand(kind === 'reject' ? 'application.reject' : 'application.return', input);
    },
    // When someone else decided first, runCommand has refreshed the application as it is now.
    onSuccess: (result) => onDecided(result, kind, app.applicationRef),
  });

  const errors = useFieldErrors(send.error);

  useEffect(() => {
    textarea.current?.focus();
  }, [kind]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (send.isPending) return;
    const problem = reasonProblem(kind, app, reason);
    setLocalProblem(problem);
    if (problem) {
      textarea.current?.focus();
      return;
    }
    send.mutate();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  }

  const reasonError = localProblem ?? errors.of('reason') ?? fieldError(send.error, 'applicationId');
  const otherError = send.error && !fieldError(send.error, 'reason') ? send.error : null;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  return (
    <form className={`decision decision-${kind}`} onSubmit={submit} onKeyDown={onKeyDown} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>
        {decision.label} {app.applicationRef}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason</label>
        <textarea
          id={`${id}-reason`}
          ref={textarea}
          rows={3}
          maxLength={1000}
          required={rule !== null}
          aria-required={rule !== null}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={[hintId, reasonError ? errorId : ''].filter(Boolean).join(' ')}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            errors.edited('reason');
            if (localProblem) setLocalProblem(null);
          }}
        />
        <p className="hint" id={hintId}>
          {rule ?? 'Optional: a note kept with the decision.'}
        </p>
        {reasonError && (
          <p className="field-error" id={errorId}>
            {reasonError}
          </p>
        )}
      </div>
      <SmsPreviewBox preview={preview.data} error={preview.error} loading={preview.isFetching} />
      {otherError && <ErrorAlert error={otherError} />}
      {otherError instanceof ApiError && otherError.code === 'invalid_transition' && (
        <p className="muted">Someone else may have decided it first: the details above have been refreshed.</p>
      )}
      <div className="actions">
        <button type="submit" className={kind === 'approve' ? 'primary' : 'danger'} disabled={send.isPending}>
          Confirm
        </button>
        <button type="button" onClick={onCancel} title="Cancel (Escape)">
          Cancel
        </button>
      </div>
    </form>
  );
}
