import type BetterSqlite3 from 'better-sqlite3';
import type { AutoMatchResult } from '../../shared/contract/payments.js';
import { correctionsOfCleanRef, isValidCleanRef } from './corrections.js';
import { settleListed, toleranceCents, type SettleContext } from './settle.js';

/** At most this many one-character corrections exist (one per position of a 12-character reference). */
const MAX_CORRECTIONS = 12;

/**
 * The statements auto-matching needs, prepared once per connection. `temp.match_scope` holds the
 * rowids of the payments to try; `temp.match_added` what the exact references added to each
 * invoice (not settled yet); `temp.settle_ids` (settle.ts) the invoices to settle.
 */
interface MatchStatements {
  clearScope: BetterSqlite3.Statement;
  scopeIds: BetterSqlite3.Statement;
  scopeUnmatched: BetterSqlite3.Statement;
  exact: BetterSqlite3.Statement;
  clearSettle: BetterSqlite3.Statement;
  clearAdded: BetterSqlite3.Statement;
  addedExact: BetterSqlite3.Statement;
  settleAdded: BetterSqlite3.Statement;
  rest: BetterSqlite3.Statement;
  openByRefs: BetterSqlite3.Statement;
  openByNationalId: BetterSqlite3.Statement;
  setMatch: BetterSqlite3.Statement;
  settleOne: BetterSqlite3.Statement;
}
const prepared = new WeakMap<BetterSqlite3.Database, MatchStatements>();

function statements(sqlite: BetterSqlite3.Database): MatchStatements {
  // Every time: a rolled-back transaction (a dry run) takes the temporary tables it created with it.
  sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS match_scope (rid INTEGER PRIMARY KEY);
    CREATE TEMP TABLE IF NOT EXISTS match_added (id TEXT PRIMARY KEY, cents INTEGER NOT NULL);
    CREATE TEMP TABLE IF NOT EXISTS settle_ids (id TEXT PRIMARY KEY);`);
  let s = prepared.get(sqlite);
  if (s) return s;
  // An invoice is open when it is unpaid or partially paid; one the exact references paid into is
  // judged by what it will hold once settled (settling sets the state from the amount paid).
  const openBalance = `i.amount_due_cents - i.amount_paid_cents - coalesce(m.cents, 0)`;
  const isOpen = `CASE WHEN m.id IS NULL THEN i.state IN ('unpaid', 'partially_paid') ELSE i.amount_paid_cents + m.cents < i.amount_due_cents END`;
  s = {
    clearScope: sqlite.prepare('DELETE FROM temp.match_scope'),
    scopeIds: sqlite.prepare('INSERT OR IGNORE INTO temp.match_scope (rid) SELECT p.rowid FROM json_each(?) j CROSS JOIN payments p ON p.id = j.value'),
    scopeUnmatched: sqlite.prepare("INSERT INTO temp.match_scope (rid) SELECT rowid FROM payments WHERE state = 'unmatched'"),
    // 1. The exact reference: one statement for every payment in scope.
    exact: sqlite.prepare(
      `UPDATE payments SET state = 'matched', match_rule = 'exact_reference', invoice_id = i.id, matched_at = @now, matched_by = NULL,
         version = payments.version + 1, updated_at = @now
       FROM temp.match_scope s CROSS JOIN invoices i
       WHERE payments.rowid = s.rid AND payments.state = 'unmatched' AND payments.reference_clean <> '' AND i.bill_ref = payments.reference_clean`,
    ),
    clearSettle: sqlite.prepare('DELETE FROM temp.settle_ids'),
    clearAdded: sqlite.prepare('DELETE FROM temp.match_added'),
    addedExact: sqlite.prepare(
      `INSERT INTO temp.match_added (id, cents)
       SELECT p.invoice_id, sum(p.amount_cents) FROM temp.match_scope s CROSS JOIN payments p ON p.rowid = s.rid
       WHERE p.state = 'matched' AND p.match_rule = 'exact_reference' AND p.matched_at = ? GROUP BY p.invoice_id`,
    ),
    settleAdded: sqlite.prepare('INSERT OR IGNORE INTO temp.settle_ids (id) SELECT id FROM temp.match_added'),
    rest: sqlite.prepare(
      `SELECT p.id, p.amount_cents, p.reference_clean FROM temp.match_scope s CROSS JOIN payments p ON p.rowid = s.rid
       WHERE p.state = 'unmatched' ORDER BY p.paid_at, p.id`,
    ).raw(),
    openByRefs: sqlite.prepare(
      `SELECT i.id, ${openBalance} FROM invoices i LEFT JOIN temp.match_added m ON m.id = i.id
       WHERE i.bill_ref IN (${Array.from({ length: MAX_CORRECTIONS }, () => '?').join(', ')}) AND ${isOpen}`,
    ).raw(),
    openByNationalId: sqlite.prepare(
      `SELECT i.id, ${openBalance} FROM practitioners p
       CROSS JOIN applications a ON a.practitioner_id = p.id CROSS JOIN invoices i ON i.application_id = a.id
       LEFT JOIN temp.match_added m ON m.id = i.id
       WHERE p.national_id = ? AND ${isOpen}`,
    ).raw(),
    setMatch: sqlite.prepare(
      `UPDATE payments SET state = 'matched', match_rule = ?, invoice_id = ?, matched_at = ?, matched_by = NULL, version = version + 1, updated_at = ? WHERE id = ?`,
    ),
    settleOne: sqlite.prepare('INSERT OR IGNORE INTO temp.settle_ids (id) VALUES (?)'),
  };
  prepared.set(sqlite, s);
  return s;
}

/**
 * DOMAIN.md's auto-match, in order: the exact bill reference (ignoring case, spaces and
 * separators); a reference with one mistyped character, caught by the check character, whose
 * amount fits; the payer's national ID typed as the reference, against that person's only open
 * invoice, when the amount fits. Anything else, or anything ambiguous, waits for a person.
 * `scope` names the payments to try (e.g. those just imported); without it, every unmatched one.
 * The matched payments' invoices are then settled (settle.ts), in one pass.
 */
export function autoMatch(ctx: SettleContext, scope?: string[]): AutoMatchResult {
  const result = matchPayments(ctx, scope);
  const m = result.matched;
  if (m.exact_reference + m.check_character + m.national_id > 0) settleListed(ctx);
  return result;
}

/**
 * The matching half of `autoMatch`: sets each payment's match, and lists the invoices they paid
 * into in `temp.settle_ids` for `settleListed`, which must follow in the same transaction.
 *
 * Set-based: the exact references are matched by one UPDATE … FROM; only the payments left are
 * looked at one by one, oldest first, against the balances as settling would leave them (what
 * the exact references added counts; an invoice a payment here pays is closed for the payments
 * after it, as an amount that fits pays the whole balance). So the outcome is that of settling
 * after every match, as DOMAIN.md's order reads.
 */
export function matchPayments(ctx: SettleContext, scope?: string[]): AutoMatchResult {
  const { sqlite, now } = ctx;
  const s = statements(sqlite);
  s.clearScope.run();
  s.clearAdded.run();
  s.clearSettle.run();
  if (scope) s.scopeIds.run(JSON.stringify(scope));
  else s.scopeUnmatched.run();
  const matched = { exact_reference: 0, check_character: 0, national_id: 0 };

  // 1. Exact reference: one statement for every payment in scope.
  matched.exact_reference = s.exact.run({ now }).changes;
  if (matched.exact_reference > 0) {
    s.addedExact.run(now);
    s.settleAdded.run();
  }

  // 2 and 3 look at what is left, one payment at a time, oldest first.
  const rest = s.rest.all() as [id: string, amountCents: number, referenceClean: string][];
  const tolerance = toleranceCents(ctx.desk);
  const closed = new Set<string>();
  const open = (rows: [id: string, balance: number][], amount: number) =>
    rows.filter(([id, balance]) => !closed.has(id) && amount >= balance && amount - balance <= tolerance);
  const refs: (string | null)[] = new Array<string | null>(MAX_CORRECTIONS);
  let fuzzy = 0;
  for (const [id, amount, ref] of rest) {
    let rule: 'check_character' | 'national_id' | null = null;
    let candidates: [string, number][] = [];
    if (ref.length >= 2 && ref.length <= 12 && !isValidCleanRef(ref)) {
      const corrections = correctionsOfCleanRef(ref);
      if (corrections.length > 0) {
        refs.fill(null);
        corrections.forEach((c, i) => { refs[i] = c; });
        candidates = open(s.openByRefs.all(...refs) as [string, number][], amount);
      }
      rule = 'check_character';
    }
    if (candidates.length === 0 && /^[0-9A-Z]{5,12}$/.test(ref)) {
      const byId = (s.openByNationalId.all(ref) as [string, number][]).filter(([invoiceId]) => !closed.has(invoiceId));
      candidates = byId.length === 1 ? open(byId, amount) : [];
      rule = 'national_id';
    }
    if (candidates.length !== 1 || !rule) continue;
    const invoiceId = candidates[0]![0];
    s.setMatch.run(rule, invoiceId, now, now, id);
    s.settleOne.run(invoiceId);
    closed.add(invoiceId); // the amount fits the whole balance: the invoice is paid now
    matched[rule]++;
    fuzzy++;
  }
  return { matched, unmatched: rest.length - fuzzy };
}
