import { decodeUtf8Text } from '../../applications/import/readCsv.js';
import { collect, unreadable } from './collect.js';
import { NOT_A_PAYMENTS_FILE } from './columns.js';
import { parseCsvPayments } from './csvPayments.js';
import { readJsonLines } from './jsonLines.js';
import { looksLikeNotification, readNotificationObject } from './notificationObject.js';
import type { ParsedPaymentsFile, ParseOptions } from './types.js';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46]; // %PDF

/**
 * A payments file: eCitizen notifications as CSV or JSON lines, or an M-Pesa paybill
 * statement CSV, recognised by its content (the name only sharpens a message). Pure.
 */
export function parsePaymentsFile(fileName: string, bytes: Uint8Array, options: ParseOptions): ParsedPaymentsFile {
  checkNow(options.now);
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b) || /\.xlsx?$/i.test(fileName)) {
    return unreadable(null, [{ line: 1, message: 'the file is an Excel workbook: save it as "CSV UTF-8" and import that' }]);
  }
  if (PDF_MAGIC.every((b, i) => bytes[i] === b)) {
    return unreadable(null, [{ line: 1, message: 'the file is a PDF: download the statement as CSV and import that' }]);
  }
  const decoded = decodeUtf8Text(bytes);
  if (!decoded.ok) return unreadable(null, decoded.problems);
  const text = decoded.text;
  const start = text.search(/\S/);
  if (start < 0) return unreadable(null, [{ line: 1, message: 'the file is empty' }]);
  if (text[start] === '{') return parseJsonLinesPayments(text, options.now);
  if (text[start] === '[') {
    return unreadable(null, [{ line: 1, message: 'the file is one JSON list: save the notifications as JSON lines (one object per line)' }]);
  }
  return parseCsvPayments(text, options.now);
}

function parseJsonLinesPayments(text: string, now: string): ParsedPaymentsFile {
  const { items, problems } = readJsonLines(text);
  const rowsRead = items.length + problems.length;
  if (items.length > 0 && !items.some((i) => looksLikeNotification(i.value))) {
    return unreadable(null, [{ line: items[0]!.line, message: NOT_A_PAYMENTS_FILE }], rowsRead);
  }
  const result = collect(
    'ecitizen-jsonl',
    rowsRead,
    items.map((i) => readNotificationObject(i.line, i.value, now)),
  );
  if (problems.length > 0) result.problems = [...problems, ...result.problems].sort((a, b) => a.line - b.line);
  return result;
}

/**
 * eCitizen/Pesaflow notification objects, as the JSON endpoint receives them. Each one's `line`
 * is its position in the list, counting from 1 (index + 1). The format reads 'ecitizen-jsonl'.
 */
export function parsePaymentRecords(records: unknown[], options: ParseOptions): ParsedPaymentsFile {
  checkNow(options.now);
  if (!Array.isArray(records) || records.length === 0) {
    return unreadable('ecitizen-jsonl', [{ line: 1, message: 'there are no notifications' }]);
  }
  return collect(
    'ecitizen-jsonl',
    records.length,
    records.map((r, i) => readNotificationObject(i + 1, r, options.now)),
  );
}

/** A caller's mistake, not a problem in the file. */
function checkNow(now: string): void {
  if (typeof now !== 'string' || Number.isNaN(Date.parse(now))) throw new Error(`options.now must be an ISO-8601 time, not ${JSON.stringify(now)}`);
}
