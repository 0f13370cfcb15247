/**
 * The address a licence's QR code carries: `<central service>/v1/verify/<payload>`, so any
 * phone camera can check it on the service (INTERFACES.md), while the app checks the same
 * payload offline.
 */
export const VERIFY_PATH = '/v1/verify/';

export function verifyAddress(publicUrl: string, payload: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${VERIFY_PATH}${encodeURIComponent(payload)}`;
}

/** The payload in what was scanned or pasted: the bare payload, or the verify address that carries it. */
export function payloadFromScan(text: string): string {
  const trimmed = text.trim();
  const at = trimmed.indexOf(VERIFY_PATH);
  if (!/^https?:\/\//i.test(trimmed) || at < 0) return trimmed;
  const encoded = trimmed.slice(at + VERIFY_PATH.length).replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}
