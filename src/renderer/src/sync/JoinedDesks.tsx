import { useState } from 'react';
import type { SyncDeskRow } from '../../../shared/contract/sync.js';
import { DESK_TOKEN_EXPIRES_UNUSED_DAYS } from '../../../shared/contract/syncWire.js';
import { formatNairobi } from '../../../shared/time.js';
import { useApiQuery } from '../api/hooks.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { WithdrawDesk } from './WithdrawDesk.js';

/** How often the list of desks is read again (last seen moves at most every ten minutes). */
const DESKS_REFRESH_MS = 60_000;

function stateText(d: SyncDeskRow): string {
  if (d.state === 'withdrawn') return `Withdrawn${d.withdrawnBy ? ` by ${d.withdrawnBy}` : ''}${d.withdrawnAt ? ` on ${formatNairobi(d.withdrawnAt)}` : ''}`;
  if (d.state === 'expired') return `Expired (not used for ${DESK_TOKEN_EXPIRES_UNUSED_DAYS} days)`;
  return 'Active';
}

/**
 * Settings, Sync: the desks that joined the central service, as the service last told this desk,
 * each with a Withdraw button. Shown on a desk that syncs, and on the service's own data folder.
 */
export function JoinedDesks({ joined, refused }: { joined: boolean; refused: boolean }) {
  const desks = useApiQuery('sync.desks', {}, { refetchInterval: DESKS_REFRESH_MS });
  const [withdrawing, setWithdrawing] = useState<SyncDeskRow | null>(null);
  const rows = desks.data ?? [];
  if (!joined && rows.length === 0) return null;
  return (
    <section aria-labelledby="joined-desks-title">
      <h3 id="joined-desks-title">Joined desks</h3>
      <p className="muted">
        A withdrawn desk can no longer sync: the central service refuses it from its next request on. A desk whose token was not used for{' '}
        {DESK_TOKEN_EXPIRES_UNUSED_DAYS} days is refused too. Either joins again as a new desk.
        {refused && ' The central service refuses this desk: the list is as it last stood, and nothing can be withdrawn from here.'}
      </p>
      <ErrorAlert error={desks.error} />
      <SimpleTable
        label="Joined desks"
        headings={['Desk', 'Centre', 'Joined by', 'Joined', 'Last seen', 'State', 'Actions']}
        empty={rows.length === 0 && { text: 'No desks to show. A desk that serves one centre does not receive this list.', loading: desks.isPending }}
      >
        {rows.map((d) => (
          <tr key={d.id}>
            <td>
              {d.name}
              {d.thisDesk ? ' (this desk)' : ''}
            </td>
            <td>{d.centreName ?? 'All records'}</td>
            <td>{d.joinedBy}</td>
            <td className="nowrap">{formatNairobi(d.joinedAt)}</td>
            <td className="nowrap">{d.lastSeenAt ? formatNairobi(d.lastSeenAt) : 'Never'}</td>
            <td>{stateText(d)}</td>
            <td className="row-actions">
              {d.state !== 'withdrawn' && !refused && (
                <button type="button" aria-label={`Withdraw ${d.name}`} onClick={() => setWithdrawing(d)}>
                  Withdraw
                </button>
              )}
            </td>
          </tr>
        ))}
      </SimpleTable>
      {withdrawing && <WithdrawDesk desk={withdrawing} onClose={() => setWithdrawing(null)} />}
    </section>
  );
}
