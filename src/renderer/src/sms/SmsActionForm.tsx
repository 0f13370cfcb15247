import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { SmsDetail } from '../../../shared/contract/sms.js';
import { displayPhone } from '../../../shared/phone.js';
import { fieldError } from '../api/ApiError.js';
import { useApiCommand } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useAnnounce } from '../shell/Announcer.js';

export type SmsAction = 'resend' | 'cancel';

function explanation(sms: SmsDetail, kind: SmsAction): string {
  if (kind === 'cancel') return 'The message will not be sent. The applicant is not told.';
  if (sms.state === 'uncertain') {
    return 'This message may already have reached the applicant: the gateway may have taken it before its answer was lost. Resend only if you are sure they did not get it, for example because they told you so.';
  }
  return 'The message goes back to the queue and is sent again as it is.';
}

/** Resend or cancel one message: a reason (kept in the audit trail), then Confirm. */
export function SmsActionForm({ sms, kind, onDone }: { sms: SmsDetail; kind: SmsAction; onDone: () => void }) {
  const id = useId();
  const announce = useAnnounce();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const resend = useApiCommand('sms.resend');
  const cancel = useApiCommand('sms.cancel');
  const command = kind === 'resend' ? resend : cancel;
  const phone = displayPhone(sms.phone);

  useEffect(() => textarea.current?.focus(), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (command.isPending) return;
    // Not mutate's own onSuccess: the refreshed message changes state and this form closes
    // before that would run, and React Query skips it for an unmounted form.
    command.mutateAsync({ id: sms.id, reason: reason.trim() }).then(
      () => {
        announce(kind === 'resend' ? `SMS to ${phone} queued to be sent again.` : `SMS to ${phone} cancelled.`);
        onDone();
      },
      () => undefined, // shown from command.error
    );
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onDone();
  }

  const reasonError = fieldError(command.error, 'reason');
  const otherError = command.error && !reasonError ? command.error : null;
  return (
    <form className={`decision sms-action-${kind}`} onSubmit={submit} onKeyDown={onKeyDown} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{kind === 'resend' ? `Resend the SMS to ${phone}` : `Cancel the SMS to ${phone}`}</h3>
      <p className={sms.state === 'uncertain' && kind === 'resend' ? 'warn' : 'muted'} id={`${id}-why`}>
        {sms.state === 'uncertain' && kind === 'resend' ? '⚠ ' : ''}
        {explanation(sms, kind)}
      </p>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason</label>
        <textarea
          id={`${id}-reason`}
          ref={textarea}
          rows={2}
          maxLength={500}
          required
          aria-required
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={[`${id}-why`, reasonError ? `${id}-error` : ''].filter(Boolean).join(' ')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        {reasonError && (
          <p className="field-error" id={`${id}-error`}>
            {reasonError}
          </p>
        )}
      </div>
      <ErrorAlert error={otherError} />
      <div className="actions">
        <button type="submit" className={kind === 'resend' ? 'primary' : 'danger'} disabled={command.isPending}>
          Confirm
        </button>
        <button type="button" onClick={onDone} title="Back (Escape)">
          Back
        </button>
      </div>
    </form>
  );
}
