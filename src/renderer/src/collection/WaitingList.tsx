import type { LicenceRow } from '../../../shared/contract/licences.js';
import { displayPhone } from '../../../shared/phone.js';
import { orDash } from '../components/gridColumns.js';
import { ServerGrid } from '../components/ServerGrid.js';
import { gridColumnHelper } from '../components/serverTable.js';
import { useServerGrid } from '../components/useServerGrid.js';

const col = gridColumnHelper<LicenceRow>();
const columns = col.columns([
  col.accessor('licenceNo', { header: 'Licence number', meta: { className: 'nowrap' } }),
  col.accessor('holderName', { header: 'Holder' }),
  col.accessor('nationalId', { header: 'National ID' }),
  col.accessor('phone', { header: 'Phone', meta: { className: 'nowrap' }, cell: (c) => displayPhone(c.getValue()) }),
  col.accessor('batchNo', { header: 'Batch', meta: { className: 'nowrap' }, cell: orDash }),
  col.accessor('daysInState', { header: 'Days waiting', meta: { className: 'num' } }),
]);

/** Licences at the centre that nobody has collected yet, the longest waiting first. */
export function WaitingList() {
  const grid = useServerGrid({
    query: 'licences.list',
    input: ({ page }) => ({ state: 'at_centre', sort: 'stateSince', dir: 'asc', ...page }),
    columns,
    pageSize: 25,
  });
  return (
    <section className="licence-section" aria-labelledby="waiting-title">
      <h2 id="waiting-title">Waiting at the centre</h2>
      <ServerGrid grid={grid} label="Waiting at the centre" noun="licences waiting" loading="Loading…" empty="No licences are waiting to be collected." />
    </section>
  );
}
