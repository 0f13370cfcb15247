import type { ApplicationRow } from '../../../shared/contract/applications.js';
import { FlagBadge, StateBadge } from '../components/Badges.js';
import { dateColumn, openCell, orDash, stateCell } from '../components/gridColumns.js';
import { gridColumnHelper } from '../components/serverTable.js';
import { CADRE_LABEL } from '../shell/labels.js';

const col = gridColumnHelper<ApplicationRow>();

/**
 * Column ids that are also sort fields of `applications.list`. With the detail panel open, a
 * narrow grid leaves out what the panel shows (national ID, cadre, CPD, then centre, then year),
 * so that reference, submitted, name, state and flags stay readable.
 */
export const applicationColumns = col.columns([
  col.accessor('applicationRef', { header: 'Reference', meta: { className: 'nowrap' }, cell: openCell('Open (Enter)') }),
  col.accessor('submittedAt', dateColumn('Submitted')),
  col.accessor('fullName', { id: 'name', header: 'Name' }),
  col.accessor('nationalId', { header: 'National ID', enableSorting: false, meta: { dropOrder: 1 } }),
  col.accessor('cadre', { header: 'Cadre', enableSorting: false, meta: { dropOrder: 1 }, cell: (c) => CADRE_LABEL[c.getValue()] ?? c.getValue() }),
  col.accessor('licenceYear', { header: 'Year', meta: { className: 'num', dropOrder: 3 } }),
  col.accessor('cpdPoints', { header: 'CPD', meta: { className: 'num', dropOrder: 1 } }),
  col.accessor('centreName', { id: 'centre', header: 'Centre', meta: { dropOrder: 2 }, cell: orDash }),
  col.accessor('state', { header: 'State', meta: { className: 'nowrap' }, cell: stateCell(StateBadge) }),
  col.accessor('flagCount', { header: 'Flags', enableSorting: false, meta: { className: 'nowrap' }, cell: (c) => <FlagBadge count={c.getValue()} /> }),
]);
