import { z } from 'zod';
import type { ApplicationState } from '../applicationState.js';
import type { Page } from './common.js';
import { applicationState, cadre, id, importFileInput, licenceYear, page, reason, sortDir } from './common.js';

export const APPLICATION_SORT_FIELDS = ['submittedAt', 'name', 'applicationRef', 'state', 'cpdPoints', 'centre', 'licenceYear'] as const;

export const applicationsListInput = page.extend({
  state: applicationState.optional(),
  licenceYear: licenceYear.optional(),
  cadre: cadre.optional(),
  centreId: id.optional(),
  county: z.string().max(60).optional(),
  flagged: z.boolean().optional(),
  search: z.string().trim().max(100).optional(),
  sort: z.enum(APPLICATION_SORT_FIELDS).default('submittedAt'),
  dir: sortDir,
});
export type ApplicationsListInput = z.input<typeof applicationsListInput>;

export interface ApplicationRow {
  id: string;
  applicationRef: string;
  submittedAt: string;
  fullName: string;
  nationalId: string;
  phone: string | null;
  cadre: 'technologist' | 'technician';
  licenceYear: number;
  cpdPoints: number;
  county: string;
  centreName: string | null;
  state: ApplicationState;
  flagCount: number;
}
export type ApplicationsListResult = Page<ApplicationRow>;

export const FLAG_KINDS = [
  'cpd_below_threshold',
  'practitioner_not_active',
  'duplicate_for_year',
  'declaration_not_accepted',
  'disclosures_made',
  'phone_invalid',
  'phone_not_mobile',
  'centre_unknown',
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];
export interface ReviewFlag {
  kind: FlagKind;
  message: string;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  revision: number;
}

export interface ApplicationDetail extends ApplicationRow {
  revision: number;
  registrationNo: string;
  firstName: string;
  middleName: string;
  lastName: string;
  email: string;
  qualification: string;
  employer: string;
  registerStatus: string;
  declarationAccepted: boolean;
  disclosures: string;
  centreId: string | null;
  centreText: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  flags: ReviewFlag[];
  invoice: { billRef: string; amountDueCents: number; amountPaidCents: number; state: string } | null;
  feeCents: number | null;
  history: HistoryEntry[];
}

export const applicationDetailInput = z.object({ id });
export const decideInput = z.object({
  applicationId: id,
  /** Required when the application has review flags, and for reject and return. */
  reason: z.string().trim().max(1000).optional(),
});
export const rejectInput = z.object({ applicationId: id, reason });
export interface DecisionResult {
  applicationId: string;
  state: ApplicationState;
  billRef?: string;
  amountDueCents?: number;
  smsId: string | null;
  smsProblem?: string;
}

export const smsPreviewInput = z.object({
  applicationId: id,
  decision: z.enum(['approve', 'reject', 'return']),
  reason: z.string().max(1000).optional(),
});
export interface SmsPreview {
  phone: string | null;
  text: string;
  encoding: 'GSM-7' | 'UCS-2';
  units: number;
  parts: number;
  problem?: string;
}

/** An applications file: CSV or XLSX. */
export const importApplicationsInput = importFileInput;
export interface ImportReport {
  fileName: string;
  dryRun: boolean;
  rowsRead: number;
  imported: number;
  resubmitted: number;
  unchanged: number;
  problems: { line: number; field?: string; message: string }[];
  /** Worth knowing before importing, but no reason to refuse the file (a phone a spreadsheet mangled). */
  warnings: { line: number; field?: string; message: string }[];
}
