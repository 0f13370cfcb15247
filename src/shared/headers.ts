/**
 * Matching the header row of an imported file to the columns we expect (INTERFACES.md "Files
 * in"): case-insensitive, ignoring spaces, underscores and punctuation, so that
 * `Application Ref`, `application_ref` and `APPLICATION-REF.` are the same column.
 */

export interface ColumnSpec<N extends string = string> {
  name: N;
  /** A file without this column cannot be imported. */
  required?: boolean;
  /** Other headers that mean the same column. */
  aliases?: readonly string[];
}

export interface HeaderMatch<N extends string = string> {
  /** Where each column found sits in a row (0-based). */
  index: Partial<Record<N, number>>;
  /** Required columns that are not in the header. */
  missing: N[];
  /** Columns that appear more than once (0-based positions). */
  duplicates: { name: N; positions: number[] }[];
  /** Headers that match no column (they are ignored). */
  unknown: string[];
}

/** `" Application_Ref. "` → `applicationref`. Letters and digits only, lower case. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export function matchHeaders<N extends string>(headers: readonly string[], columns: readonly ColumnSpec<N>[]): HeaderMatch<N> {
  const byKey = new Map<string, N>();
  for (const column of columns) {
    for (const alias of [column.name, ...(column.aliases ?? [])]) byKey.set(normaliseHeader(alias), column.name);
  }
  const positions = new Map<N, number[]>();
  const unknown: string[] = [];
  headers.forEach((header, i) => {
    const key = normaliseHeader(header);
    if (key === '') return;
    const name = byKey.get(key);
    if (name === undefined) {
      unknown.push(header);
      return;
    }
    const seen = positions.get(name);
    if (seen) seen.push(i);
    else positions.set(name, [i]);
  });
  const index: Partial<Record<N, number>> = {};
  const duplicates: HeaderMatch<N>['duplicates'] = [];
  for (const [name, at] of positions) {
    index[name] = at[0]!;
    if (at.length > 1) duplicates.push({ name, positions: at });
  }
  const missing = columns.filter((c) => c.required && !positions.has(c.name)).map((c) => c.name);
  return { index, missing, duplicates, unknown };
}
