import type { AutoMatchResult } from '../../shared/contract/payments.js';
import { isValidBillRef, oneCharacterCorrections } from '../../shared/billRef.js';
import { settleInvoices, toleranceCents, type SettleContext } from './settle.js';

interface OpenInvoice { id: string; balance: number }

/**
 * DOMAIN.md's auto-match, in order: the exact bill reference (ignoring case, spaces and
 * separators); a reference with one mistyped character, caught by the check character, whose
 * amount fits; the payer's national ID typed as the reference, against that person's only open
 * invoice, when the amount fits. Anything else, or anything ambiguous, waits for a person.
 * `scope` names the payments to try (e.g. those just imported); without it, every unmatched one.
 */
export function autoMatch(ctx: SettleContext, scope?: string[]): AutoMatchResult {
  const { sqlite, now } = ctx;
  sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS match_scope (id TEXT PRIMARY KEY); DELETE FROM match_scope;');
  if (scope) {
    const add = sqlite.prepare('INSERT OR IGNORE INTO match_scope (id) VALUES (?)');
    for (const id of scope) add.run(id);
  } else {
    sqlite.exec("INSERT INTO match_scope (id) SELECT id FROM payments WHERE state = 'unmatched'");
  }
  const matched = { exact_reference: 0, check_character: 0, national_id: 0 };

  // 1. Exact reference: one set-based statement, then one settlement for all the invoices it touched.
  matched.exact_reference = sqlite.prepare(
    `UPDATE payments SET state = 'matched', match_rule = 'exact_reference', matched_at = @now, matched_by = NULL,
       invoice_id = (SELECT i.id FROM invoices i WHERE i.bill_ref = payments.reference_clean),
       version = version + 1, updated_at = @now
     WHERE state = 'unmatched' AND id IN (SELECT id FROM match_scope)
       AND reference_clean <> '' AND EXISTS (SELECT 1 FROM invoices i WHERE i.bill_ref = payments.reference_clean)`,
  ).run({ now }).changes;
  if (matched.exact_reference > 0) {
    const touched = sqlite.prepare(
      `SELECT DISTINCT invoice_id FROM payments WHERE match_rule = 'exact_reference' AND matched_at = ? AND id IN (SELECT id FROM match_scope)`,
    ).pluck().all(now) as string[];
    settleInvoices(ctx, touched);
  }

  // 2 and 3 look at what is left, one payment at a time, oldest first, so balances stay current.
  const rest = sqlite.prepare(
    `SELECT id, amount_cents, reference_clean FROM payments WHERE state = 'unmatched' AND id IN (SELECT id FROM match_scope) ORDER BY paid_at, id`,
  ).all() as { id: string; amount_cents: number; reference_clean: string }[];
  const tolerance = toleranceCents(ctx.desk);
  const fits = (amount: number, inv: OpenInvoice) => amount >= inv.balance && amount - inv.balance <= tolerance;
  const openByRef = sqlite.prepare(
    `SELECT id, amount_due_cents - amount_paid_cents AS balance FROM invoices WHERE bill_ref = ? AND state IN ('unpaid', 'partially_paid')`,
  );
  const openByNationalId = sqlite.prepare(
    `SELECT i.id, i.amount_due_cents - i.amount_paid_cents AS balance FROM invoices i
     JOIN applications a ON a.id = i.application_id JOIN practitioners p ON p.id = a.practitioner_id
     WHERE p.national_id = ? AND i.state IN ('unpaid', 'partially_paid')`,
  );
  const setMatch = sqlite.prepare(
    `UPDATE payments SET state = 'matched', match_rule = ?, invoice_id = ?, matched_at = ?, matched_by = NULL, version = version + 1, updated_at = ? WHERE id = ?`,
  );
  for (const p of rest) {
    let rule: 'check_character' | 'national_id' | null = null;
    let candidates: OpenInvoice[] = [];
    if (p.reference_clean.length >= 2 && p.reference_clean.length <= 12 && !isValidBillRef(p.reference_clean)) {
      candidates = oneCharacterCorrections(p.reference_clean)
        .flatMap((ref) => openByRef.all(ref) as OpenInvoice[])
        .filter((inv) => fits(p.amount_cents, inv));
      rule = 'check_character';
    }
    if (candidates.length === 0 && /^[0-9A-Z]{5,12}$/.test(p.reference_clean)) {
      const open = openByNationalId.all(p.reference_clean) as OpenInvoice[];
      candidates = open.length === 1 && fits(p.amount_cents, open[0]!) ? open : [];
      rule = 'national_id';
    }
    if (candidates.length !== 1 || !rule) continue;
    setMatch.run(rule, candidates[0]!.id, now, now, p.id);
    settleInvoices(ctx, [candidates[0]!.id]);
    matched[rule]++;
  }
  const unmatched = sqlite.prepare(`SELECT count(*) FROM payments WHERE state = 'unmatched' AND id IN (SELECT id FROM match_scope)`).pluck().get() as number;
  return { matched, unmatched };
}
