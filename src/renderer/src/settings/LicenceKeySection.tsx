import { useApiQuery } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';

/** `-----BEGIN PUBLIC KEY-----` PEM text of the SPKI key, so employers' tools can read it. */
function pem(base64: string): string {
  return `-----BEGIN PUBLIC KEY-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

/** The Board's licence public key: what anyone needs to check a licence's QR code offline. */
export function LicenceKeySection() {
  const key = useApiQuery('licence.publicKey', {});
  const value = key.data?.publicKey ?? null;
  const href = value ? `data:application/x-pem-file;charset=utf-8,${encodeURIComponent(pem(value))}` : undefined;
  return (
    <section aria-labelledby="licence-key-title">
      <h2 id="licence-key-title">Licence signing key</h2>
      <ErrorAlert error={key.error} />
      {key.isPending ? (
        <p className="muted">Loading…</p>
      ) : value ? (
        <>
          <p>
            Licence QR codes are signed with the Board&apos;s private key, kept as a secret on the desk that issues licences. Anyone can check a licence offline
            with this public key (Ed25519).
          </p>
          <label htmlFor="licence-public-key">Public key</label>
          <textarea id="licence-public-key" readOnly rows={4} value={pem(value)} className="mono" />
          <p>
            <a href={href} download="kmlttb-licence-public-key.pem">
              Download public key
            </a>
          </p>
        </>
      ) : (
        <p className="muted">No key yet: it is made when the first licence is issued.</p>
      )}
    </section>
  );
}
