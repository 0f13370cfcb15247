/** Turning a posted JSON object into what the file importers read: text cells under headers. */

export interface ObjectRow {
  /** The object's keys, in order: matched like a file's header row. */
  headers: string[];
  /** The values as text, in the same order. */
  cells: string[];
  /** Keys whose value is not text, a number, true/false or null. */
  notScalar: string[];
}

/**
 * Values may arrive as JSON text, numbers or booleans: `40` and `"40"` are the same cell, as are
 * `true` and `"true"`; null is an empty cell. Anything else (a list, an object) is refused.
 */
export function objectRow(value: Record<string, unknown>): ObjectRow {
  const headers: string[] = [];
  const cells: string[] = [];
  const notScalar: string[] = [];
  for (const [key, raw] of Object.entries(value)) {
    const text = cellText(raw);
    if (text === null) notScalar.push(key);
    headers.push(key);
    cells.push(text ?? '');
  }
  return { headers, cells, notScalar };
}

export function cellText(raw: unknown): string | null {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : null;
  if (typeof raw === 'boolean') return String(raw);
  return null;
}

/** Problems of one object as one line for the sender: `field: message; field: message`. */
export function problemsText(problems: readonly { field?: string; message: string }[]): string {
  return problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ');
}

export function problemIssues(problems: readonly { field?: string; message: string }[]): { where: string; message: string }[] {
  return problems.map((p) => ({ where: p.field ?? 'object', message: p.message }));
}
