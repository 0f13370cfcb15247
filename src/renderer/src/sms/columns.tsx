import type { SmsRow } from '../../../shared/contract/sms.js';
import { displayPhone } from '../../../shared/phone.js';
import { formatNairobi } from '../../../shared/time.js';
import { gridColumnHelper } from '../components/serverTable.js';
import { SMS_EVENT_LABEL, SMS_STATE_LABEL } from './labels.js';

const col = gridColumnHelper<SmsRow>();

export const smsColumns = col.columns([
  col.accessor('createdAt', { header: 'Created', meta: { className: 'nowrap' }, cell: (c) => formatNairobi(c.getValue()) }),
  col.accessor('phone', { header: 'Phone', meta: { className: 'nowrap' }, cell: (c) => displayPhone(c.getValue()) }),
  col.accessor('applicationRef', { header: 'Application', meta: { className: 'nowrap' }, cell: (c) => c.getValue() ?? '—' }),
  col.accessor('event', { header: 'Event', cell: (c) => SMS_EVENT_LABEL[c.getValue()] }),
  col.accessor('parts', { header: 'Parts', meta: { className: 'num' } }),
  col.accessor('state', {
    header: 'State',
    cell: (c) => (
      <span className={`badge sms-${c.getValue()}`} title={c.row.original.failureReason ?? undefined}>
        {SMS_STATE_LABEL[c.getValue()]}
      </span>
    ),
  }),
  col.accessor('text', { header: 'Text', meta: { className: 'sms-cell' } }),
]);
