import { z } from 'zod';
import type { Page } from './common.js';
import { page } from './common.js';

export const SMS_STATES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'uncertain', 'cancelled'] as const;
export type SmsState = (typeof SMS_STATES)[number];
export const SMS_EVENTS = ['approved', 'rejected', 'returned', 'paid', 'at_centre'] as const;
export type SmsEvent = (typeof SMS_EVENTS)[number];

export const smsListInput = page.extend({
  state: z.enum(SMS_STATES).optional(),
  event: z.enum(SMS_EVENTS).optional(),
  search: z.string().trim().max(100).optional(),
});
export interface SmsRow {
  id: string;
  createdAt: string;
  phone: string;
  event: SmsEvent;
  language: string;
  text: string;
  parts: number;
  state: SmsState;
  applicationRef: string | null;
  sentAt: string | null;
  failureReason: string | null;
}
export type SmsListResult = Page<SmsRow>;
export interface SmsSummary {
  queued: number;
  failed: number;
  uncertain: number;
  gatewayConfigured: boolean;
}
