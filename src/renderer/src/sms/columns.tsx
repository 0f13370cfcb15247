import type { SmsRow } from '../../../shared/contract/sms.js';
import { displayPhone } from '../../../shared/phone.js';
import { formatNairobi } from '../../../shared/time.js';
import { openCell, orDash } from '../components/gridColumns.js';
import { gridColumnHelper } from '../components/serverTable.js';
import { SMS_EVENT_LABEL } from './labels.js';
import { SmsStateBadge } from './SmsStateBadge.js';

const col = gridColumnHelper<SmsRow>();

export const smsColumns = col.columns([
  col.accessor('createdAt', { header: 'Created', meta: { className: 'nowrap' }, cell: openCell('Open the message', formatNairobi) }),
  col.accessor('phone', { header: 'Phone', meta: { className: 'nowrap' }, cell: (c) => displayPhone(c.getValue()) }),
  col.accessor('applicationRef', { header: 'Application', meta: { className: 'nowrap' }, cell: orDash }),
  col.accessor('event', { header: 'Event', cell: (c) => SMS_EVENT_LABEL[c.getValue()] }),
  col.accessor('parts', { header: 'Parts', meta: { className: 'num' } }),
  col.accessor('state', { header: 'State', cell: (c) => <SmsStateBadge state={c.getValue()} reason={c.row.original.failureReason} /> }),
  col.accessor('text', { header: 'Text', meta: { className: 'sms-cell' } }),
]);
