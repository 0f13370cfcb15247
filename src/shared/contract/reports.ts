import { z } from 'zod';

export const REPORT_NAMES = ['applications', 'reconciliation', 'invoices', 'licences', 'collection', 'sms', 'turnaround', 'audit'] as const;
export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
/** Records an export of personal data in the audit trail: who, which report, which filters, how many rows. */
export const reportExportedInput = z.object({
  report: z.enum(REPORT_NAMES),
  format: z.enum(REPORT_FORMATS),
  filters: z.record(z.string(), z.string()),
  rows: z.number().int().min(0),
  file: z.string().max(1000),
});
