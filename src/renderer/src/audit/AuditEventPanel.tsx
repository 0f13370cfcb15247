import type { AuditRow } from '../../../shared/contract/insight.js';
import { formatNairobi } from '../../../shared/time.js';
import { DetailItem } from '../components/DetailItem.js';
import { PanelBar } from '../components/DetailPanel.js';
import { ChangesView } from './ChangesView.js';

interface Props {
  event: AuditRow;
  /** Set when verification found the chain broken at this event. */
  problem?: string | undefined;
  onClose: () => void;
}

/** One audit event: who did what, from which desk, its hash, and the fields before and after. */
export function AuditEventPanel({ event, problem, onClose }: Props) {
  return (
    <aside className="detail-panel audit-panel" aria-label="Audit event details">
      <PanelBar onClose={onClose} />
      <div className="detail-title">
        <h2>Event {event.seq}</h2>
        <span className="badge mono">{event.action}</span>
      </div>
      {problem && (
        <div className="alert" role="alert">
          <p>The chain breaks at this event: {problem}</p>
        </div>
      )}
      <p>{event.summary}</p>
      <dl className="dl">
        <DetailItem term="Time">{formatNairobi(event.at)}</DetailItem>
        <DetailItem term="Actor">{event.actor}</DetailItem>
        <DetailItem term="Desk">{event.desk}</DetailItem>
        <DetailItem term="Entity">{event.entity}</DetailItem>
        <DetailItem term="Entity id">{event.entityId}</DetailItem>
        <DetailItem term="Hash">
          <span className="mono">{event.hash}</span>
        </DetailItem>
      </dl>
      <h3>Before and after</h3>
      <ChangesView before={event.before} after={event.after} />
    </aside>
  );
}
