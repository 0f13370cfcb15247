import type { ApplicationDetail } from '../../../shared/contract/applications.js';
import { formatKes } from '../../../shared/money.js';
import { displayPhone } from '../../../shared/phone.js';
import { formatNairobi } from '../../../shared/time.js';
import { StateBadge } from '../components/Badges.js';
import { DetailItem as Item, DetailList } from '../components/DetailItem.js';
import { CADRE_LABEL, STATE_LABEL } from '../shell/labels.js';

const ACTION_LABEL: Record<string, string> = {
  submitted: 'submitted',
  approve: 'approved',
  reject: 'rejected',
  return: 'returned',
  resubmit: 'resubmitted',
  settle: 'invoice settled',
  license: 'licence issued',
};

/** Everything the officer needs to decide, read-only. */
export function ApplicationDetailView({ app }: { app: ApplicationDetail }) {
  const names = [app.firstName, app.middleName, app.lastName].filter(Boolean).join(' ');
  return (
    <>
      <DetailList title="Applicant">
        <Item term="Names">{names || app.fullName}</Item>
        <Item term="National ID">{app.nationalId}</Item>
        <Item term="Registration no.">{app.registrationNo}</Item>
        <Item term="Phone">{app.phone ? displayPhone(app.phone) : 'none given'}</Item>
        <Item term="Email">{app.email}</Item>
        <Item term="Cadre">{CADRE_LABEL[app.cadre] ?? app.cadre}</Item>
        <Item term="Qualification">{app.qualification}</Item>
        <Item term="Employer">{app.employer}</Item>
        <Item term="County">{app.county}</Item>
        <Item term="Register status">{app.registerStatus}</Item>
      </DetailList>

      <DetailList title="Application">
        <Item term="Licence year">{app.licenceYear}</Item>
        <Item term="Submitted">{formatNairobi(app.submittedAt)}</Item>
        <Item term="Revision">{app.revision}</Item>
        <Item term="CPD points">{app.cpdPoints}</Item>
        <Item term="Declarations">{app.declarationAccepted ? 'Accepted' : 'Not accepted'}</Item>
        <Item term="Disclosures">{app.disclosures.trim() || 'None'}</Item>
        <Item term="Collection centre">{app.centreName ?? (app.centreText ? `${app.centreText} (not a known centre)` : '')}</Item>
        {app.feeCents !== null && <Item term="Licence fee">{formatKes(app.feeCents)}</Item>}
      </DetailList>

      <section aria-label="Review flags" className={app.flags.length ? 'flags' : undefined}>
        <h3>Review flags{app.flags.length ? ` (${app.flags.length})` : ''}</h3>
        {app.flags.length === 0 ? (
          <p className="muted">No review flags.</p>
        ) : (
          <ul className="flag-list">
            {app.flags.map((f, i) => (
              <li key={`${f.kind}-${i}`} className="flag-item">
                <span aria-hidden="true">⚑ </span>
                <strong>Flag: </strong>
                {f.message}
              </li>
            ))}
          </ul>
        )}
      </section>

      {app.invoice && (
        <DetailList title="Invoice">
          <Item term="Bill reference">
            <span className="mono">{app.invoice.billRef}</span>
          </Item>
          <Item term="Amount due">{formatKes(app.invoice.amountDueCents)}</Item>
          <Item term="Amount paid">{formatKes(app.invoice.amountPaidCents)}</Item>
          <Item term="Invoice state">{app.invoice.state.replace('_', ' ')}</Item>
        </DetailList>
      )}

      {app.decidedAt && (
        <DetailList title="Decision">
          <Item term="Decided by">{app.decidedBy ?? ''}</Item>
          <Item term="Decided at">{formatNairobi(app.decidedAt)}</Item>
          <Item term="Reason">{app.decisionReason ?? ''}</Item>
        </DetailList>
      )}

      <section aria-label="History">
        <h3>History</h3>
        {app.history.length === 0 ? (
          <p className="muted">No history yet.</p>
        ) : (
          <ol className="history">
            {app.history.map((h, i) => (
              <li key={i}>
                <span className="nowrap">{formatNairobi(h.at)}</span> — {h.actor}: {ACTION_LABEL[h.action] ?? h.action}
                {h.fromState && h.toState ? ` (${STATE_LABEL[h.fromState] ?? h.fromState} → ${STATE_LABEL[h.toState] ?? h.toState})` : ''}
                {h.revision > 1 ? `, revision ${h.revision}` : ''}
                {h.reason ? <span className="muted"> — “{h.reason}”</span> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

export const TITLE_ID = 'application-detail-title';

export function DetailTitle({ app }: { app: ApplicationDetail }) {
  return (
    <div className="detail-title">
      <h2 tabIndex={-1} id={TITLE_ID}>
        {app.applicationRef} — {app.fullName}
      </h2>
      <StateBadge state={app.state} />
    </div>
  );
}
