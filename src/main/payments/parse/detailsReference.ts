/**
 * The reference a payer typed, read from a statement line's Details
 * (`Pay Bill from 254712345678 - JOHN DOE Acc. LB935NHTA4`), for a statement exported without
 * its A/C No. column. Conservative, never a guess: Details must hold exactly one marker — `Acc.`,
 * `Acc`, `A/C`, `A/C No.`, `Account`, `Account No.` or `Account Number`, any case, a `:` or `#`
 * after it allowed — and after it, to the end, a reference as payers type one: one to three
 * groups of letters, digits, `-` or `/` (`lb22 9blx kq`), 30 characters at most. Otherwise null.
 */
const MARKER = /(?:^|\s)(?:acc\.|(?:acc|a\/c(?:\s*no\.?)?|account(?:\s*(?:no\.?|number))?)(?=[\s:#]|$))/gi;
const REFERENCE = /^[:#]?\s*([A-Za-z0-9][A-Za-z0-9/-]*(?:\s+[A-Za-z0-9/-]+){0,2})$/;
const MAX_LENGTH = 30;

export function referenceFromDetails(details: string): string | null {
  const text = details.trim();
  const markers = [...text.matchAll(MARKER)];
  if (markers.length !== 1) return null;
  const marker = markers[0]!;
  const found = REFERENCE.exec(text.slice(marker.index + marker[0].length).trim());
  if (!found) return null;
  const reference = found[1]!.replace(/\s+/g, ' ');
  return reference.length <= MAX_LENGTH ? reference : null;
}
