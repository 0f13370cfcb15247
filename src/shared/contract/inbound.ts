import { z } from 'zod';
import type { MatchRule } from './payments.js';

/*
 * What eCitizen sends the central service (INTERFACES.md "Central service edges"), one object
 * per command: the server splits a posted array and dispatches each object on its own, so a bad
 * one is refused alone and a re-sent one is recognised by its op id.
 */

/** Keys of a posted object: the file format's column names, matched as headers are. */
const objectOfFields = z.record(z.string().max(200), z.unknown());

/** One application object: the keys of the applications file format; values text, numbers or true/false. */
export const applicationsReceiveInput = z.object({ application: objectOfFields });

/** One eCitizen/Pesaflow payment notification object: the keys of the payments format. */
export const paymentsReceiveInput = z.object({ notification: objectOfFields });

export interface ApplicationReceiveResult {
  /** `new` and `resubmitted` changed something; `duplicate` was already stored as it is. */
  outcome: 'new' | 'resubmitted' | 'duplicate';
  applicationRef: string;
  applicationId: string;
}

export interface PaymentReceiveResult {
  /**
   * `stored`: a new payment (auto-matched at once when it can be); `duplicate`: the transaction
   * was already known; `not_counted`: read and recorded in the audit trail, but its status is
   * not `settled`, so no payment was stored.
   */
  outcome: 'stored' | 'duplicate' | 'not_counted';
  transactionId: string | null;
  paymentId: string | null;
  matchRule: MatchRule | null;
  /** The bill reference of the invoice it was matched to. */
  billRef: string | null;
  /** Why a notification was not counted. */
  reason: string | null;
}
