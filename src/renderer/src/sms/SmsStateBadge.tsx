import type { SmsState } from '../../../shared/contract/sms.js';
import { SMS_STATE_LABEL } from './labels.js';

export function SmsStateBadge({ state, reason }: { state: SmsState; reason?: string | null }) {
  return (
    <span className={`badge sms-${state}`} title={reason ?? undefined}>
      {SMS_STATE_LABEL[state]}
    </span>
  );
}
