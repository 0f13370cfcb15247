import type { LicenceDetail } from '../../../shared/contract/licences.js';
import { displayPhone } from '../../../shared/phone.js';
import { formatNairobi } from '../../../shared/time.js';
import { DetailItem as Item, DetailList } from '../components/DetailItem.js';
import { CADRE_LABEL } from '../shell/labels.js';
import { LICENCE_ACTION_LABEL, LICENCE_STATE_LABEL } from './labels.js';

/** `01 Jan 2026`: the day part of the one on-screen time format. */
const day = (iso: string) => formatNairobi(iso).split(',')[0] ?? '';

/** Who collected a licence, as a clerk would say it. */
export function collectorText(l: LicenceDetail): string {
  if (!l.collectedAt) return '';
  const who = l.collectorKind === 'proxy' ? `${l.collectorName} (proxy, ID ${l.collectorIdNo})` : `${l.holderName} (the holder)`;
  return `${who} on ${formatNairobi(l.collectedAt)}${l.collectedByClerk ? `, handed over by ${l.collectedByClerk}` : ''}`;
}

/** A licence as the back end holds it: holder, where it is, who collected it, its QR text and history. */
export function LicenceDetailView({ licence: l }: { licence: LicenceDetail }) {
  return (
    <>
      <DetailList title="Holder">
        <Item term="Name">{l.holderName}</Item>
        <Item term="National ID">{l.nationalId}</Item>
        <Item term="Phone">{displayPhone(l.phone)}</Item>
        <Item term="Registration number">{l.registrationNo}</Item>
        <Item term="Cadre">{CADRE_LABEL[l.cadre] ?? l.cadre}</Item>
        <Item term="Application">{l.applicationRef}</Item>
      </DetailList>
      <DetailList title="Licence">
        <Item term="Licence number">{l.licenceNo}</Item>
        <Item term="Year">{l.licenceYear}</Item>
        <Item term="Valid">{`${day(l.validFrom)} to ${day(new Date(Date.parse(l.validTo) - 1).toISOString())}`}</Item>
        <Item term="State">{LICENCE_STATE_LABEL[l.state]}</Item>
        <Item term="Days in state">{l.daysInState}</Item>
        <Item term="Centre">{l.centreName}</Item>
        <Item term="Batch">{l.batchNo}</Item>
        <Item term="Issued">{formatNairobi(l.issuedAt)}</Item>
        <Item term="Dispatched">{formatNairobi(l.dispatchedAt)}</Item>
        <Item term="Received">{formatNairobi(l.receivedAt)}</Item>
        <Item term="Collected">{formatNairobi(l.collectedAt)}</Item>
        <Item term="Collected by">{collectorText(l)}</Item>
        {l.collectorNote && <Item term="Collection note">{l.collectorNote}</Item>}
        {l.revokedAt && <Item term="Revoked">{`${formatNairobi(l.revokedAt)}: ${l.revokeReason ?? ''}`}</Item>}
      </DetailList>
      <section aria-label="QR code">
        <h3>QR code text</h3>
        <p className="hint">What the certificate's QR code holds; paste it into Verify a licence to check it.</p>
        <pre className="qr-payload mono">{l.qrPayload}</pre>
      </section>
      <section aria-label="History">
        <h3>History</h3>
        <ol className="history">
          {l.history.map((h, i) => (
            <li key={i}>
              {formatNairobi(h.at)}: {LICENCE_ACTION_LABEL[h.action] ?? h.action} by {h.actor}
              {h.reason ? ` (${h.reason})` : ''}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
