/** Report exports through the bridge: they run in the back end, and the file is handed over when done. */
import type { ExportJob } from '../../../shared/contract/insight.js';
import { bridge, unwrap } from '../api/client.js';

export type ExportFormat = 'csv' | 'xlsx' | 'pdf';
export interface ExportRequest {
  report: string;
  format: ExportFormat;
  from?: string;
  to?: string;
  centre?: string;
  licenceYear?: number;
  state?: string;
  officer?: string;
}

export async function exportStart(input: ExportRequest): Promise<ExportJob> {
  return unwrap(await bridge().exportStart(input));
}

export async function exportStatus(jobId: string): Promise<ExportJob> {
  return unwrap(await bridge().exportStatus(jobId));
}

export async function exportCancel(jobId: string): Promise<ExportJob> {
  return unwrap(await bridge().exportCancel(jobId));
}

export async function exportSave(jobId: string): Promise<{ saved: boolean; fileName: string }> {
  return unwrap(await bridge().exportSave(jobId));
}
