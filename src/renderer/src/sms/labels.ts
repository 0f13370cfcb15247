import type { SmsEvent, SmsState } from '../../../shared/contract/sms.js';

export const SMS_STATE_LABEL: Record<SmsState, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  failed: 'Failed',
  uncertain: 'Uncertain',
  cancelled: 'Cancelled',
};

export const SMS_EVENT_LABEL: Record<SmsEvent, string> = {
  approved: 'Approved',
  rejected: 'Rejected',
  returned: 'Returned',
  paid: 'Paid',
  at_centre: 'At centre',
};

export const SMS_LANGUAGE_LABEL: Record<string, string> = {
  en: 'English',
  sw: 'Kiswahili',
};
