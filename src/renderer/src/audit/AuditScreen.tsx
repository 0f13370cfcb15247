import { useMutation } from '@tanstack/react-query';
import { runQuery } from '../api/client.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useAnnounce } from '../shell/Announcer.js';

/** The audit trail: for now, checking its hash chain. */
export function AuditScreen() {
  const announce = useAnnounce();
  const verify = useMutation({
    mutationFn: () => runQuery('audit.verify', {}),
    onSuccess: (r) =>
      announce(r.ok ? `Audit trail verified: ${r.checked} events, chain intact.` : `Audit trail broken at event ${r.firstBad?.seq ?? '?'}.`),
  });
  const result = verify.data;

  return (
    <section className="screen" aria-labelledby="audit-title">
      <div className="screen-head">
        <h1 id="audit-title">Audit</h1>
      </div>
      <p>
        Every change is recorded in the audit trail, each event holding the hash of the one before it. Verifying the chain finds any
        event that was edited or deleted.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => verify.mutate()} disabled={verify.isPending}>
          Verify chain
        </button>
        {verify.isPending && <span className="muted">Checking every event…</span>}
      </div>
      <ErrorAlert error={verify.error} />
      {result &&
        (result.ok ? (
          <p className="ok-box">
            The chain is intact: {result.checked.toLocaleString('en-KE')} events checked.
          </p>
        ) : (
          <div className="alert" role="alert">
            <p>
              The chain is broken
              {result.firstBad ? ` at event ${result.firstBad.seq}: ${result.firstBad.problem}` : ''}. {result.checked.toLocaleString('en-KE')}{' '}
              events were checked.
            </p>
            <p>Report this to the Board's ICT officer before anything else is changed.</p>
          </div>
        ))}
      <p className="placeholder">Browsing and exporting the audit trail comes in a later release.</p>
    </section>
  );
}
