import type { ApplicationRow } from '../../../shared/contract/applications.js';
import { formatNairobi } from '../../../shared/time.js';
import { FlagBadge, StateBadge } from '../components/Badges.js';
import { gridColumnHelper } from '../components/serverTable.js';
import { CADRE_LABEL } from '../shell/labels.js';

const col = gridColumnHelper<ApplicationRow>();

/**
 * Column ids that are also sort fields of `applications.list`. With the detail panel open, a
 * narrow grid leaves out what the panel shows (national ID, cadre, CPD, then centre, then year),
 * so that reference, submitted, name, state and flags stay readable.
 */
export const applicationColumns = col.columns([
  col.accessor('applicationRef', {
    header: 'Reference',
    meta: { className: 'nowrap' },
    // The row opens on click; the button makes that reachable by keyboard.
    cell: (c) => (
      <button type="button" className="link-button" title="Open (Enter)">
        {c.getValue()}
      </button>
    ),
  }),
  col.accessor('submittedAt', { header: 'Submitted', meta: { className: 'nowrap' }, cell: (c) => formatNairobi(c.getValue()) }),
  col.accessor('fullName', { id: 'name', header: 'Name' }),
  col.accessor('nationalId', { header: 'National ID', enableSorting: false, meta: { dropOrder: 1 } }),
  col.accessor('cadre', { header: 'Cadre', enableSorting: false, meta: { dropOrder: 1 }, cell: (c) => CADRE_LABEL[c.getValue()] ?? c.getValue() }),
  col.accessor('licenceYear', { header: 'Year', meta: { className: 'num', dropOrder: 3 } }),
  col.accessor('cpdPoints', { header: 'CPD', meta: { className: 'num', dropOrder: 1 } }),
  col.accessor('centreName', { id: 'centre', header: 'Centre', meta: { dropOrder: 2 }, cell: (c) => c.getValue() ?? '—' }),
  col.accessor('state', { header: 'State', meta: { className: 'nowrap' }, cell: (c) => <StateBadge state={c.getValue()} /> }),
  col.accessor('flagCount', { header: 'Flags', enableSorting: false, meta: { className: 'nowrap' }, cell: (c) => <FlagBadge count={c.getValue()} /> }),
]);
