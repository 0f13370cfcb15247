import { sql, type RawBuilder } from 'kysely';
import type { AutoMatchResult } from '../../shared/contract/payments.js';
import type { WritableDB } from '../db/handles.js';
import { correctionsOfCleanRef, isValidCleanRef } from './corrections.js';
import { settleListed, toleranceCents, type SettleContext } from './settle.js';

/** A reference that may be the payer's national ID. */
const NATIONAL_ID = /^[0-9A-Z]{5,12}$/;

/*
 * Set-based matching is hand-written SQL (`sql` templates) for the auto-reconcile figure
 * (QUALITY.md: matching ≤ 3×, matching plus settling ≤ 5× the exact-reference join).
 * `temp.match_scope` holds the rowids of the payments to try; `temp.settle_ids` (settle.ts) the
 * invoices to settle.
 */

/** Every time: a rolled-back transaction (a dry run) takes the temporary tables it created with it. */
function tempTables(db: WritableDB): void {
  db.exec(sql`CREATE TEMP TABLE IF NOT EXISTS match_scope (rid INTEGER PRIMARY KEY);
    CREATE TEMP TABLE IF NOT EXISTS settle_ids (id TEXT PRIMARY KEY);`);
}

/**
 * Open invoices (unpaid or partially paid) and their balance, as settling would leave them: an
 * invoice listed to settle is judged by the sum of its matched payments, as settling computes it.
 * Each under the key it was looked up by.
 */
function openInvoices(key: RawBuilder<unknown>, from: RawBuilder<unknown>, where: RawBuilder<unknown>) {
  return sql<OpenInvoice & { key: string }>`SELECT key, id, due - paid AS balance FROM (
       SELECT ${key} AS key, i.id, i.amount_due_cents AS due, i.state, t.id AS listed,
              CASE WHEN t.id IS NULL THEN i.amount_paid_cents
                   ELSE (SELECT coalesce(sum(x.amount_cents), 0) FROM payments x WHERE x.invoice_id = i.id AND x.state = 'matched') END AS paid
       FROM ${from} LEFT JOIN temp.settle_ids t ON t.id = i.id WHERE ${where})
     WHERE CASE WHEN listed IS NULL THEN state IN ('unpaid', 'partially_paid') ELSE paid < due END`;
}

interface OpenInvoice {
  id: string;
  balance: number;
}

/** Open invoices by bill reference, of these (distinct) references: one statement for all of them. */
const openByRefs = (refs: string[]) =>
  openInvoices(sql`i.bill_ref`, sql`json_each(${JSON.stringify(refs)}) r CROSS JOIN invoices i ON i.bill_ref = r.value`, sql`1`);
/** Open invoices of the holders of these (distinct) national IDs: one statement for all of them. */
const openByNationalIds = (nationalIds: string[]) =>
  openInvoices(
    sql`p.national_id`,
    sql`json_each(${JSON.stringify(nationalIds)}) r CROSS JOIN practitioners p ON p.national_id = r.value
        CROSS JOIN applications a ON a.practitioner_id = p.id CROSS JOIN invoices i ON i.application_id = a.id`,
    sql`1`,
  );

/** The rows by their key. */
function byKey(rows: (OpenInvoice & { key: string })[]): Map<string, OpenInvoice[]> {
  const map = new Map<string, OpenInvoice[]>();
  for (const { key, id, balance } of rows) {
    const list = map.get(key);
    if (list) list.push({ id, balance });
    else map.set(key, [{ id, balance }]);
  }
  return map;
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
 * looked at one by one, oldest first, against the invoices as settling would leave them (one the
 * exact references paid into by the sum of its matched payments; one a payment here pays is
 * closed for the payments after it, as an amount that fits pays the whole balance). So the
 * outcome is that of settling after every match, as DOMAIN.md's order reads.
 */
export function matchPayments(ctx: SettleContext, scope?: string[]): AutoMatchResult {
  const { db, now } = ctx;
  tempTables(db);
  db.run(sql`DELETE FROM temp.match_scope`);
  db.run(sql`DELETE FROM temp.settle_ids`);
  if (scope) {
    db.run(sql`INSERT OR IGNORE INTO temp.match_scope (rid)
      SELECT p.rowid FROM json_each(${JSON.stringify(scope)}) j CROSS JOIN payments p ON p.id = j.value`);
  } else {
    db.run(sql`INSERT INTO temp.match_scope (rid) SELECT rowid FROM payments WHERE state = 'unmatched'`);
  }
  const matched = { exact_reference: 0, check_character: 0, national_id: 0 };

  // 1. Exact reference: one statement for every payment in scope.
  matched.exact_reference = db.run(sql`UPDATE payments SET state = 'matched', match_rule = 'exact_reference', invoice_id = i.id,
      matched_at = ${now}, matched_by = NULL, version = payments.version + 1, updated_at = ${now}
    FROM temp.match_scope s CROSS JOIN invoices i
    WHERE payments.rowid = s.rid AND payments.state = 'unmatched' AND payments.reference_clean <> '' AND i.bill_ref = payments.reference_clean`).changes;
  if (matched.exact_reference > 0) {
    db.run(sql`INSERT OR IGNORE INTO temp.settle_ids (id)
      SELECT p.invoice_id FROM temp.match_scope s CROSS JOIN payments p ON p.rowid = s.rid
      WHERE p.state = 'matched' AND p.match_rule = 'exact_reference' AND p.matched_at = ${now}`);
  }

  // 2 and 3 look at what is left, one payment at a time, oldest first.
  const rest = db.all(sql<{ id: string; amount: number; ref: string }>`SELECT p.id, p.amount_cents AS amount, p.reference_clean AS ref
    FROM temp.match_scope s CROSS JOIN payments p ON p.rowid = s.rid
    WHERE p.state = 'unmatched' ORDER BY p.paid_at, p.id`);
  const tolerance = toleranceCents(ctx.desk);
  // The corrections' invoices, looked up once: an invoice's balance does not change while the rules
  // run (one a payment here pays is closed, below), so this is what a look-up per payment would find.
  const tried = rest.map(({ ref }) => ({
    corrections: ref.length >= 2 && ref.length <= 12 && !isValidCleanRef(ref) ? [...new Set(correctionsOfCleanRef(ref))] : null,
    nationalId: NATIONAL_ID.test(ref),
  }));
  const refs = [...new Set(tried.flatMap((t) => t.corrections ?? []))];
  const byRef = byKey(refs.length === 0 ? [] : db.all(openByRefs(refs)));
  // The same for the references shaped like a national ID: their holders' open invoices.
  const shaped = [...new Set(rest.filter((_, k) => tried[k]!.nationalId).map((p) => p.ref))];
  const byNationalId = byKey(shaped.length === 0 ? [] : db.all(openByNationalIds(shaped)));
  const closed = new Set<string>();
  const open = (rows: OpenInvoice[], amount: number) => rows.filter(({ id, balance }) => !closed.has(id) && amount >= balance && amount - balance <= tolerance);
  const found: { id: string; rule: 'check_character' | 'national_id'; invoiceId: string }[] = [];
  rest.forEach(({ id, amount, ref }, k) => {
    const { corrections, nationalId } = tried[k]!;
    let rule: 'check_character' | 'national_id' | null = null;
    let candidates: OpenInvoice[] = [];
    if (corrections) {
      if (corrections.length > 0)
        candidates = open(
          corrections.flatMap((c) => byRef.get(c) ?? []),
          amount,
        );
      rule = 'check_character';
    }
    if (candidates.length === 0 && nationalId) {
      const byId = (byNationalId.get(ref) ?? []).filter((invoice) => !closed.has(invoice.id));
      candidates = byId.length === 1 ? open(byId, amount) : [];
      rule = 'national_id';
    }
    if (candidates.length !== 1 || !rule) return;
    const invoiceId = candidates[0]!.id;
    found.push({ id, rule, invoiceId });
    closed.add(invoiceId); // the amount fits the whole balance: the invoice is paid now
    matched[rule]++;
  });
  // Recorded together: an invoice matched here is closed for the payments after it whether or not
  // its match is written yet, so writing them at the end looks up the same invoices.
  if (found.length > 0) {
    const list = JSON.stringify(found);
    db.run(sql`UPDATE payments SET state = 'matched', match_rule = json_extract(f.value, '$.rule'), invoice_id = json_extract(f.value, '$.invoiceId'),
        matched_at = ${now}, matched_by = NULL, version = payments.version + 1, updated_at = ${now}
      FROM json_each(${list}) f WHERE payments.id = json_extract(f.value, '$.id')`);
    db.run(sql`INSERT OR IGNORE INTO temp.settle_ids (id) SELECT json_extract(value, '$.invoiceId') FROM json_each(${list})`);
  }
  const fuzzy = found.length;
  return { matched, unmatched: rest.length - fuzzy };
}
