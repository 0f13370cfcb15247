import type { LicenceRow } from '../../../shared/contract/licences.js';
import { dateColumn, openCell, orDash, stateCell } from '../components/gridColumns.js';
import { gridColumnHelper } from '../components/serverTable.js';
import { LicenceStateBadge } from './LicenceStateBadge.js';
import { selectColumn } from './selection.js';

const col = gridColumnHelper<LicenceRow>();

const holder = col.accessor('holderName', { id: 'name', header: 'Holder' });
const nationalId = col.accessor('nationalId', { header: 'National ID', enableSorting: false, meta: { dropOrder: 1 } });
const year = col.accessor('licenceYear', { header: 'Year', enableSorting: false, meta: { className: 'num', dropOrder: 3 } });
const days = col.accessor('daysInState', { id: 'stateSince', header: 'Days in state', meta: { className: 'num' } });
const issued = col.accessor('issuedAt', dateColumn('Issued', { dropOrder: 1 }));

/**
 * Column ids that sort are the sort fields of `licences.list`. With the detail panel open, a narrow
 * grid leaves out what the panel shows (national ID and issued, then batch, then year).
 */
export const licenceColumns = col.columns([
  col.accessor('licenceNo', { header: 'Licence number', meta: { className: 'nowrap' }, cell: openCell('Open the details') }),
  holder,
  nationalId,
  year,
  col.accessor('centreName', { header: 'Centre', enableSorting: false }),
  col.accessor('state', { header: 'State', enableSorting: false, meta: { className: 'nowrap' }, cell: stateCell(LicenceStateBadge) }),
  col.accessor('batchNo', { header: 'Batch', enableSorting: false, meta: { className: 'nowrap', dropOrder: 2 }, cell: orDash }),
  days,
  issued,
]);

/** With a checkbox per row, for printing certificates in bulk. */
export const selectableLicenceColumns = col.columns([selectColumn<LicenceRow>((r) => r.licenceNo), ...licenceColumns]);

/** Issued licences of one centre, to choose for a batch. */
export const dispatchColumns = col.columns([
  selectColumn<LicenceRow>((r) => r.licenceNo),
  col.accessor('licenceNo', { header: 'Licence number', meta: { className: 'nowrap' } }),
  holder,
  nationalId,
  year,
  days,
  issued,
]);
