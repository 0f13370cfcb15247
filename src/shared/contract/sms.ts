import { z } from 'zod';
import type { Page } from './common.js';
import { page } from './common.js';

export const SMS_STATES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'uncertain', 'cancelled'] as const;
export type SmsState = (typeof SMS_STATES)[number];
export const SMS_EVENTS = ['approved', 'rejected', 'returned', 'paid', 'at_centre'] as const;
export type SmsEvent = (typeof SMS_EVENTS)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-28');
export const smsListInput = page.extend({
  state: z.enum(SMS_STATES).optional(),
  event: z.enum(SMS_EVENTS).optional(),
  search: z.string().trim().max(100).optional(),
  /** Nairobi days, both inclusive. */
  from: day.optional(),
  to: day.optional(),
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
  /** This desk syncs: the central service sends its SMS (the gateway here does not matter). */
  sentByServer: boolean;
  /** Why sending is paused (e.g. insufficient balance), or null. */
  paused: string | null;
  /** How the gateway answered lately, as the worker (and test SMS) found it. */
  gateway: GatewayHealth;
  /** The desk's time of this answer: `gateway.since` is shown against it. */
  at: string;
}

/**
 * The gateway's state: `unknown` before any request, `ok` while it takes messages, `unreachable`
 * while it cannot be reached (network, DNS, timeout), `failing` while it answers with errors
 * (HTTP 5xx and the like). Refused credentials and no balance pause the queue instead (`paused`).
 */
export interface GatewayHealth {
  state: 'unknown' | 'ok' | 'unreachable' | 'failing';
  /** The first failure of the current run of failures; null while the gateway is not failing. */
  since: string | null;
  /** The latest failure's reason, while failing. */
  reason: string | null;
  /** When the gateway last took a message. */
  lastSuccessAt: string | null;
}

/** A test SMS to a number an admin types: not an applicant's message, never queued. */
export const smsSendTestInput = z.object({
  phone: z.string().trim().min(1, 'Type the number to send the test SMS to').max(30),
});
export interface SmsTestResult {
  id: string;
  /** `2547…`, as normalised. */
  phone: string;
  /** `sending` only when the answer was cut short (the app stopped): the outcome was never recorded. */
  outcome: 'sending' | 'sent' | 'failed' | 'uncertain';
  gatewayMessageId: string | null;
  /** The gateway's answer when sent (status, cost), or why not. */
  detail: string;
}

export interface SmsAttempt {
  startedAt: string;
  finishedAt: string | null;
  outcome: string;
  statusCode: number | null;
  detail: string;
}
export interface SmsDetail extends SmsRow {
  encoding: string;
  attempts: SmsAttempt[];
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  gatewayMessageId: string | null;
  cost: string | null;
}
export const smsDetailInput = z.object({ id: z.string().min(1).max(64) });
export const smsActionInput = z.object({
  id: z.string().min(1).max(64),
  reason: z.string().trim().min(3, 'Give a reason of at least 3 characters').max(500),
});
export const smsResumeInput = z.object({}).strict();

export const SMS_LANGUAGES = ['en', 'sw'] as const;
export const smsTemplateSetInput = z.object({
  event: z.enum(SMS_EVENTS),
  language: z.enum(SMS_LANGUAGES),
  body: z.string().trim().min(10, 'A template needs at least 10 characters').max(1000),
});
export interface SmsTemplateRow {
  event: SmsEvent;
  language: (typeof SMS_LANGUAGES)[number];
  body: string;
  encoding: 'GSM-7' | 'UCS-2';
  units: number;
  parts: number;
  /** The body with sample values, as an applicant would read it. */
  sample: string;
}

/** Africa's Talking delivery report (form fields), as the central service receives it. */
export const deliveryReportInput = z.object({
  id: z.string().min(1).max(100),
  status: z.string().min(1).max(40),
  phoneNumber: z.string().max(20).optional(),
  networkCode: z.string().max(20).optional(),
  failureReason: z.string().max(200).optional(),
  retryCount: z.coerce.number().int().min(0).optional(),
});
