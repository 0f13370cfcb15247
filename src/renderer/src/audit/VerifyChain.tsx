import { useMutation } from '@tanstack/react-query';
import type { AuditVerifyResult } from '../../../shared/contract/index.js';
import { runQuery } from '../api/client.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useAnnounce } from '../shell/Announcer.js';

interface Props {
  /** Opens an event of the trail (the first bad one). */
  onShowEvent: (seq: number) => void;
  onResult: (result: AuditVerifyResult) => void;
}

/** Verify chain: walks the whole trail and says whether it is intact, or where it first breaks. */
export function VerifyChain({ onShowEvent, onResult }: Props) {
  const announce = useAnnounce();
  const verify = useMutation({
    mutationFn: () => runQuery('audit.verify', {}),
    onSuccess: (r) => {
      onResult(r);
      announce(r.ok ? `Audit trail verified: ${r.checked} events, chain intact.` : `Audit trail broken at event ${r.firstBad?.seq ?? '?'}.`);
    },
  });
  const result = verify.data;
  const checked = result?.checked.toLocaleString('en-KE');

  return (
    <section className="verify-chain" aria-labelledby="verify-title">
      <h2 id="verify-title" className="visually-hidden">
        Verify the chain
      </h2>
      <p>
        Every change is recorded in the audit trail, each event holding the hash of the one before it. Verifying the chain finds any event that was edited or
        deleted.
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
          <p className="ok-box">The chain is intact: {checked} events checked.</p>
        ) : (
          <div className="alert" role="alert">
            <p>
              The chain is broken
              {result.firstBad ? ` at event ${result.firstBad.seq}: ${result.firstBad.problem}` : ''}. {checked} events were checked.
            </p>
            {result.firstBad && (
              <p>
                <button type="button" className="link-button" onClick={() => onShowEvent(result.firstBad!.seq)}>
                  Show event {result.firstBad.seq}
                </button>
              </p>
            )}
            <p>Report this to the Board's ICT officer before anything else is changed.</p>
          </div>
        ))}
    </section>
  );
}
