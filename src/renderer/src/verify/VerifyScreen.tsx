import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { fieldError } from '../api/ApiError.js';
import { runQuery } from '../api/client.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useAnnounce } from '../shell/Announcer.js';
import { VERDICT, VerifyResult } from './VerifyResult.js';
import '../licences/licences.css';
import { SubmitActions } from '../components/SubmitActions.js';

/** Checks a licence's QR text: the Board's signature, and whether this desk knows it revoked. */
export function VerifyScreen() {
  const id = useId();
  const announce = useAnnounce();
  const [payload, setPayload] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const verify = useMutation({
    mutationFn: (text: string) => runQuery('licence.verify', { payload: text }),
    onSuccess: (result) => announce(`${VERDICT[result.status]}: ${result.message}`),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = payload.trim();
    setProblem(text ? null : 'Paste or scan the QR text');
    if (text) verify.mutate(text);
  }

  const error = problem ?? fieldError(verify.error, 'payload');
  return (
    <section className="screen verify-screen" aria-labelledby="verify-title">
      <h1 id="verify-title">Verify a licence</h1>
      <p className="muted">Scan the QR code on a printed licence into the box (a scanner types it in), or paste its text, and press Enter.</p>
      <form className="verify-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-payload`}>QR code text</label>
          <textarea
            id={`${id}-payload`}
            rows={4}
            maxLength={2000}
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            value={payload}
            onChange={(e) => {
              setPayload(e.target.value);
              verify.reset();
            }}
            onKeyDown={(e) => {
              // A scanner ends the code with Enter; the code itself is one line.
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
          />
          {error && (
            <p className="field-error" id={`${id}-error`}>
              {error}
            </p>
          )}
        </div>
        <SubmitActions label="Verify" disabled={verify.isPending} />
      </form>
      {verify.error && !error && <ErrorAlert error={verify.error} />}
      {verify.data && <VerifyResult result={verify.data} />}
    </section>
  );
}
