import { useState, type FormEvent } from 'react';
import type { SmsTestResult } from '../../../shared/contract/sms.js';
import { displayPhone } from '../../../shared/phone.js';
import { ApiError, fieldError } from '../api/ApiError.js';
import { useApiCommand } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Field } from '../components/Field.js';
import { useAnnounce } from '../shell/Announcer.js';

/** The outcome in a sentence, for the status region. */
function news(r: SmsTestResult): string {
  const to = displayPhone(r.phone);
  switch (r.outcome) {
    case 'sent':
      return `Test SMS sent to ${to}: gateway message id ${r.gatewayMessageId ?? 'not given'}.`;
    case 'failed':
      return `Test SMS to ${to} not sent: ${r.detail}`;
    case 'uncertain':
      return `Test SMS to ${to}: ${r.detail}`;
    case 'sending':
      return `Test SMS to ${to}: no answer was recorded.`;
  }
}

function Outcome({ result }: { result: SmsTestResult }) {
  const to = displayPhone(result.phone);
  if (result.outcome === 'sent') {
    return (
      <div className="sms-test-result sent">
        <p>
          <strong>Sent</strong> to {to}. Gateway message id: <span className="mono">{result.gatewayMessageId}</span>
        </p>
        <p className="muted">The gateway answered: {result.detail}.</p>
      </div>
    );
  }
  return (
    <div className={`sms-test-result ${result.outcome}`} role="alert">
      <p>
        <strong>{result.outcome === 'failed' ? 'Not sent' : 'Perhaps not sent'}</strong> to {to}.{' '}
        {result.outcome === 'sending' ? 'No answer was recorded.' : `The gateway's answer: ${result.detail}`}
      </p>
    </div>
  );
}

/**
 * "Send a test SMS": one SMS now, through the saved gateway settings, to a number the
 * administrator types; the gateway's message id, or its reason for failing, comes back here.
 */
export function TestSmsForm({ unsaved }: { unsaved: boolean }) {
  const announce = useAnnounce();
  const [phone, setPhone] = useState('');
  const send = useApiCommand('sms.sendTest');
  const general = send.error instanceof ApiError && send.error.field === 'phone' ? null : send.error;

  function submit(event: FormEvent) {
    event.preventDefault();
    send.mutate({ phone }, { onSuccess: (r) => announce(news(r)) });
  }

  return (
    <form className="card settings-group" onSubmit={submit} aria-labelledby="sms-test-title" noValidate>
      <h3 id="sms-test-title">Send a test SMS</h3>
      <p className="muted">
        One SMS, sent now through the saved settings to the number you type (yours, for example), to see that messages go. It is not an applicant&apos;s
        message: it is not queued, and the audit trail records it.
      </p>
      <Field
        label="Phone number for the test"
        autoComplete="off"
        inputMode="tel"
        hint="A Kenyan mobile number, e.g. 0712 345 678."
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        error={fieldError(send.error, 'phone')}
      />
      {unsaved && <p className="hint">The test uses the saved settings: save your changes first.</p>}
      <ErrorAlert error={general} />
      {send.data && !send.isPending && <Outcome result={send.data} />}
      <div className="actions">
        <button type="submit" disabled={send.isPending}>
          Send a test SMS
        </button>
        {send.isPending && <span className="muted">Sending…</span>}
      </div>
    </form>
  );
}
