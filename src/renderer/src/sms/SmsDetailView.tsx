import type { SmsDetail } from '../../../shared/contract/sms.js';
import { displayPhone } from '../../../shared/phone.js';
import { formatNairobi } from '../../../shared/time.js';
import { DetailItem as Item } from '../components/DetailItem.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { SMS_EVENT_LABEL, SMS_LANGUAGE_LABEL, SMS_STATE_LABEL } from './labels.js';

const OUTCOME_LABEL: Record<string, string> = {
  sending: 'Sending (no answer yet)',
  sent: 'Sent',
  failed: 'Failed',
  retry: 'Will try again',
  uncertain: 'Uncertain',
  pause: 'Queue paused',
};

/** A message as sent and as the gateway answered it, read-only. */
export function SmsDetailView({ sms }: { sms: SmsDetail }) {
  return (
    <>
      <section aria-label="Message">
        <h3>Message</h3>
        <blockquote className="sms-text">{sms.text}</blockquote>
        <dl className="dl">
          <Item term="Phone">{displayPhone(sms.phone)}</Item>
          <Item term="Application">{sms.applicationRef}</Item>
          <Item term="Event">{SMS_EVENT_LABEL[sms.event]}</Item>
          <Item term="Language">{SMS_LANGUAGE_LABEL[sms.language] ?? sms.language}</Item>
          <Item term="Parts">{`${sms.parts} (${sms.encoding})`}</Item>
          <Item term="State">{SMS_STATE_LABEL[sms.state]}</Item>
          <Item term="Failure reason">{sms.failureReason}</Item>
          <Item term="Created">{formatNairobi(sms.createdAt)}</Item>
          {sms.nextAttemptAt && sms.state === 'queued' && <Item term="Next attempt">{formatNairobi(sms.nextAttemptAt)}</Item>}
          <Item term="Sent">{formatNairobi(sms.sentAt)}</Item>
          <Item term="Delivered">{formatNairobi(sms.deliveredAt)}</Item>
          <Item term="Gateway message id">{sms.gatewayMessageId ? <span className="mono">{sms.gatewayMessageId}</span> : null}</Item>
          <Item term="Cost">{sms.cost}</Item>
        </dl>
      </section>
      <section aria-label="Attempts">
        <h3>Attempts{sms.attempts.length ? ` (${sms.attempts.length})` : ''}</h3>
        <SimpleTable
          label="Attempts"
          headings={['Started', 'Finished', 'Outcome', { label: 'Status code', className: 'num' }, 'Detail']}
          empty={sms.attempts.length === 0 && { text: 'Not tried yet.' }}
        >
          {sms.attempts.map((a, i) => (
            <tr key={i}>
              <td className="nowrap">{formatNairobi(a.startedAt)}</td>
              <td className="nowrap">{formatNairobi(a.finishedAt) || '—'}</td>
              <td>{OUTCOME_LABEL[a.outcome] ?? a.outcome}</td>
              <td className="num">{a.statusCode ?? '—'}</td>
              <td className="attempt-detail">{a.detail}</td>
            </tr>
          ))}
        </SimpleTable>
      </section>
    </>
  );
}
