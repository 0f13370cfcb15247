import { readCsv } from './readCsv.js';
import { readXlsx } from './readXlsx.js';
import type { TableResult } from './table.js';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Reads a CSV or XLSX file (recognised by its content, then its name) into text cells. */
export async function readTable(fileName: string, bytes: Uint8Array): Promise<TableResult> {
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return readXlsx(bytes);
  if (/\.xlsx$/i.test(fileName)) {
    return { ok: false, problems: [{ line: 1, message: 'the file is named .xlsx but is not an Excel workbook' }] };
  }
  if (/\.xls$/i.test(fileName)) {
    return { ok: false, problems: [{ line: 1, message: 'old Excel .xls files cannot be read: save it as .xlsx or CSV UTF-8' }] };
  }
  return readCsv(bytes);
}
