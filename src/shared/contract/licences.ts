import { z } from 'zod';
import type { Page } from './common.js';
import { id, licenceYear, page, reason, sortDir } from './common.js';

export const LICENCE_STATES = ['issued', 'dispatched', 'at_centre', 'collected', 'revoked'] as const;
export type LicenceState = (typeof LICENCE_STATES)[number];

export const licenceIssueInput = z.object({
  /** Paid applications to license; empty means every paid application. */
  applicationIds: z.array(id).max(10_000).default([]),
});
export interface LicenceIssueResult {
  issued: { licenceId: string; licenceNo: string; applicationId: string }[];
}

export const licenceReassignInput = z.object({ licenceId: id, centreId: id, reason });
export const licenceRevokeInput = z.object({ licenceId: id, reason });
export const batchCreateInput = z.object({
  centreId: id,
  /** Issued licences for that centre to put in the batch; empty means all of them. */
  licenceIds: z.array(id).max(10_000).default([]),
});
export const batchReceiveInput = z.object({ batchId: id });
export const licenceCollectInput = z.discriminatedUnion('collector', [
  z.object({ licenceId: id, collector: z.literal('holder'), note: z.string().trim().max(500).optional() }),
  z.object({
    licenceId: id,
    collector: z.literal('proxy'),
    collectorName: z.string().trim().min(3, "Give the collector's full name").max(120),
    collectorIdNo: z.string().trim().min(4, "Give the collector's ID number").max(20),
    note: z.string().trim().min(3, 'Note how the holder authorised the proxy').max(500),
  }),
]);

export interface LicenceRow {
  id: string;
  licenceNo: string;
  licenceYear: number;
  holderName: string;
  nationalId: string;
  phone: string | null;
  centreId: string;
  centreName: string;
  state: LicenceState;
  batchNo: string | null;
  issuedAt: string;
  stateSince: string;
  daysInState: number;
  applicationRef: string;
}
export interface LicenceDetail extends LicenceRow {
  validFrom: string;
  validTo: string;
  cadre: string;
  registrationNo: string;
  dispatchedAt: string | null;
  receivedAt: string | null;
  collectedAt: string | null;
  collectedByClerk: string | null;
  collectorKind: 'holder' | 'proxy' | null;
  collectorName: string | null;
  collectorIdNo: string | null;
  collectorNote: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  qrPayload: string;
  history: { at: string; actor: string; action: string; fromState: string | null; toState: string | null; reason: string | null }[];
}

export const licencesListInput = page.extend({
  state: z.enum(LICENCE_STATES).optional(),
  centreId: id.optional(),
  licenceYear: licenceYear.optional(),
  batchId: id.optional(),
  /** true: only licences the central service has numbered; false: only those issued on a joined desk still waiting for it. */
  numbered: z.boolean().optional(),
  /** ID number, licence number, name or phone, in one box. */
  search: z.string().trim().max(100).optional(),
  sort: z.enum(['licenceNo', 'issuedAt', 'stateSince', 'name']).default('licenceNo'),
  dir: sortDir,
});
export type LicencesListResult = Page<LicenceRow>;
export const licenceDetailInput = z.object({ id });

export interface BatchRow {
  id: string;
  batchNo: string;
  centreId: string;
  centreName: string;
  state: 'dispatched' | 'received';
  licenceCount: number;
  createdAt: string;
  createdBy: string | null;
  receivedAt: string | null;
  receivedBy: string | null;
}
export const batchesListInput = page.extend({
  centreId: id.optional(),
  state: z.enum(['dispatched', 'received']).optional(),
});
export type BatchesListResult = Page<BatchRow>;

export const licenceVerifyInput = z.object({ payload: z.string().trim().min(1, 'Paste or scan the QR text').max(2000) });
export interface LicenceVerifyResult {
  status: 'valid' | 'tampered' | 'revoked' | 'unreadable';
  message: string;
  licenceNo?: string;
  holderName?: string;
  nationalId?: string;
  licenceYear?: number;
  /** Whether this desk holds the licence (a clerk's desk holds only its centre's). */
  knownHere?: boolean;
}

export const pdfInput = z.object({ batchId: id });
export const certificatesInput = z.object({ licenceIds: z.array(id).min(1).max(500) });
export interface PdfFile {
  fileName: string;
  dataBase64: string;
}
