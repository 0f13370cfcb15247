import { createHash } from 'node:crypto';
import type { LicenceVerifyResult } from '../shared/contract/licences.js';

/**
 * The public page a phone opens from a licence's QR code: valid, tampered or revoked, with only
 * what the licence itself prints (number, holder, national ID, year). No scripts, no images, no
 * links: the content security policy allows its one inline style and nothing else.
 */
const STYLE = `body{font-family:system-ui,sans-serif;margin:0;padding:1.5rem;color:#1b1b1b;background:#f4f6f8}
main{max-width:32rem;margin:0 auto;background:#fff;border-radius:8px;padding:1.5rem;border-top:8px solid #777}
main.valid{border-top-color:#1e7b34}main.tampered,main.revoked,main.unreadable{border-top-color:#b22222}
h1{font-size:1.6rem;margin:.2rem 0 1rem}dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}dt{color:#555}dd{margin:0;font-weight:600}
.board{color:#1f4e79;font-size:.9rem;margin:0}.note{color:#444}`;

export const VERIFY_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export type VerifyOutcome = LicenceVerifyResult['status'] | 'unavailable';

const HEADINGS: Record<VerifyOutcome, string> = {
  valid: 'Valid licence',
  revoked: 'Licence revoked',
  tampered: 'Not a valid licence',
  unreadable: 'Not a KMLTTB licence code',
  unavailable: 'Licences cannot be checked here yet',
};

const NOTES: Record<VerifyOutcome, string> = {
  valid: "The code carries the Board's signature and the licence has not been revoked.",
  revoked: 'The Board has revoked this licence: it is no longer valid.',
  tampered: "The code does not carry the Board's signature: it was changed or forged. Do not accept it.",
  unreadable: 'This address does not hold a licence code. Scan the QR code on the licence again.',
  unavailable: 'The central service holds no licence key yet. Try again later, or contact the Board.',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function verifyPageHtml(outcome: VerifyOutcome, licence?: Pick<LicenceVerifyResult, 'licenceNo' | 'holderName' | 'nationalId' | 'licenceYear'>): string {
  const shown = outcome === 'valid' || outcome === 'revoked' ? licence : undefined;
  const rows: [string, string | number | undefined][] = shown
    ? [
        ['Licence number', shown.licenceNo],
        ['Holder', shown.holderName],
        ['National ID', shown.nationalId],
        ['Licence year', shown.licenceYear],
      ]
    : [];
  const details = rows
    .filter(([, value]) => value !== undefined)
    .map(([label, value]) => `<dt>${label}</dt><dd>${escapeHtml(String(value))}</dd>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${HEADINGS[outcome]} · KMLTTB</title>
<style>${STYLE}</style>
</head>
<body>
<main class="${outcome}">
<p class="board">Kenya Medical Laboratory Technicians and Technologists Board</p>
<h1>${HEADINGS[outcome]}</h1>
${details ? `<dl>${details}</dl>` : ''}
<p class="note">${NOTES[outcome]}</p>
</main>
</body>
</html>
`;
}
