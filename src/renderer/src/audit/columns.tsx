import type { AuditRow } from '../../../shared/contract/insight.js';
import { dateColumn, openCell, orDash } from '../components/gridColumns.js';
import { gridColumnHelper } from '../components/serverTable.js';

const col = gridColumnHelper<AuditRow>();

/** The trail comes newest first from the server; nothing here sorts. */
export const auditColumns = col.columns([
  col.accessor('seq', { header: 'Event', meta: { className: 'num nowrap' }, cell: openCell('Open the event') }),
  col.accessor('at', dateColumn('Time')),
  col.accessor('actor', { header: 'Actor', meta: { className: 'nowrap' } }),
  col.accessor('action', { header: 'Action', meta: { className: 'mono nowrap' } }),
  col.accessor('entity', { header: 'Entity', meta: { className: 'nowrap' } }),
  col.accessor('entityId', { header: 'Entity id', meta: { className: 'mono entity-id' }, cell: orDash }),
  col.accessor('summary', { header: 'Summary', meta: { className: 'summary' } }),
]);
