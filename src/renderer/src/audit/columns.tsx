import type { AuditRow } from '../../../shared/contract/insight.js';
import { formatNairobi } from '../../../shared/time.js';
import { gridColumnHelper } from '../components/serverTable.js';

const col = gridColumnHelper<AuditRow>();

/** The trail comes newest first from the server; nothing here sorts. */
export const auditColumns = col.columns([
  col.accessor('seq', {
    header: 'Event',
    meta: { className: 'num nowrap' },
    // The row opens on click; the button makes that reachable by keyboard.
    cell: (c) => (
      <button type="button" className="link-button" title="Open the event">
        {c.getValue()}
      </button>
    ),
  }),
  col.accessor('at', { header: 'Time', meta: { className: 'nowrap' }, cell: (c) => formatNairobi(c.getValue()) }),
  col.accessor('actor', { header: 'Actor', meta: { className: 'nowrap' } }),
  col.accessor('action', { header: 'Action', meta: { className: 'mono nowrap' } }),
  col.accessor('entity', { header: 'Entity', meta: { className: 'nowrap' } }),
  col.accessor('entityId', { header: 'Entity id', meta: { className: 'mono entity-id' }, cell: (c) => c.getValue() ?? '—' }),
  col.accessor('summary', { header: 'Summary', meta: { className: 'summary' } }),
]);
