import { formatKes } from '../../../shared/money.js';
import type { NotCounted, ParsedPayment, ParsedPaymentsFile, ParseProblem, PaymentsFormat, ReferenceSource } from './types.js';

/** What one row (or notification) turned out to be. */
export type RowOutcome =
  | { kind: 'payment'; payment: ParsedPayment; warnings?: ParseProblem[] }
  | { kind: 'notCounted'; notCounted: NotCounted }
  | { kind: 'problems'; problems: ParseProblem[] };

/**
 * The file's result from its rows' outcomes: a transaction seen twice is kept once (the later
 * lines are not counted), and a payment reversed on a later statement line is not counted.
 */
export function collect(
  format: PaymentsFormat,
  rowsRead: number,
  outcomes: readonly RowOutcome[],
  referenceFrom: ReferenceSource = format === 'mpesa-statement' ? 'A/C No.' : 'client_invoice_ref',
): ParsedPaymentsFile {
  const problems: ParseProblem[] = [];
  const warnings: ParseProblem[] = [];
  const notCounted: NotCounted[] = [];
  const kept = new Map<string, ParsedPayment>();
  const reversedOn = new Map<string, number>();

  for (const outcome of outcomes) {
    if (outcome.kind === 'problems') problems.push(...outcome.problems);
    else if (outcome.kind === 'notCounted') {
      notCounted.push(outcome.notCounted);
      const { reverses, line } = outcome.notCounted;
      if (reverses !== undefined && !reversedOn.has(reverses)) reversedOn.set(reverses, line);
    } else {
      warnings.push(...(outcome.warnings ?? []));
      const p = outcome.payment;
      const first = kept.get(p.transactionId);
      if (first === undefined) kept.set(p.transactionId, p);
      else notCounted.push({ line: p.line, reason: sameTransaction(first, p) });
    }
  }

  const payments: ParsedPayment[] = [];
  for (const p of kept.values()) {
    const reversal = reversedOn.get(p.transactionId);
    if (reversal === undefined) payments.push(p);
    else notCounted.push({ line: p.line, reason: `reversed on line ${reversal}` });
  }
  payments.sort(byLine);
  notCounted.sort(byLine);
  problems.sort(byLine);
  warnings.sort(byLine);
  return { format, rowsRead, payments, notCounted, problems, warnings, referenceFrom };
}

function sameTransaction(first: ParsedPayment, later: ParsedPayment): string {
  const reason = `same transaction as line ${first.line}`;
  return first.amountCents === later.amountCents ? reason : `${reason} (but ${formatKes(later.amountCents)} here, ${formatKes(first.amountCents)} there)`;
}

function byLine(a: { line: number }, b: { line: number }): number {
  return a.line - b.line;
}

/** A file (or request) that cannot be read at all. */
export function unreadable(format: PaymentsFormat | null, problems: ParseProblem[], rowsRead = 0): ParsedPaymentsFile {
  return { format, rowsRead, payments: [], notCounted: [], problems, warnings: [], referenceFrom: null };
}
