import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { cleanBillRef } from '../../shared/billRef.js';
import { newId } from '../core/ids.js';
import type { ParsedPayment } from './parse/index.js';

export interface StoreOutcome {
  added: string[];
  alreadyKnown: number;
}

/**
 * Stores payments once each. A payment is known by every key it arrived under: its own
 * transaction id, and — when the same payment comes from the other source (an eCitizen
 * notification and the M-Pesa statement line paid through eCitizen's paybill) — the other one.
 * A statement line's A/C No. is the eCitizen invoice number when paid through eCitizen; an
 * eCitizen notification may name the M-Pesa receipt.
 */
export function storePayments(
  sqlite: BetterSqlite3.Database,
  payments: readonly ParsedPayment[],
  meta: { sourceFile: string; importId: string | null; now: string },
): StoreOutcome {
  const keyOwner = sqlite.prepare('SELECT payment_id FROM payment_keys WHERE key = ?').pluck();
  const sameAmount = sqlite.prepare('SELECT amount_cents FROM payments WHERE id = ?').pluck();
  const namedBy = sqlite.prepare(`SELECT id FROM payments WHERE other_source_key = ? AND source <> ? AND amount_cents = ?`).pluck();
  const addKey = sqlite.prepare('INSERT OR IGNORE INTO payment_keys (key, payment_id) VALUES (?, ?)');
  const insert = sqlite.prepare(
    `INSERT INTO payments (id, transaction_id, source, amount_cents, paid_at, channel, payer_phone, payer_phone_raw, payer_name,
       reference_typed, reference_clean, other_source_key, source_file, import_id, state, created_at, updated_at)
     VALUES (@id, @transactionId, @source, @amountCents, @paidAt, @channel, @payerPhone, @payerPhoneRaw, @payerName,
       @referenceTyped, @referenceClean, @otherSourceKey, @sourceFile, @importId, 'unmatched', @now, @now)`,
  );
  const added: string[] = [];
  let alreadyKnown = 0;
  for (const p of payments) {
    if (keyOwner.get(p.transactionId)) {
      alreadyKnown++;
      continue;
    }
    // The same payment from the other source: it names a payment we know, or one we know names it.
    const twin = (p.otherSourceKey ? (keyOwner.get(p.otherSourceKey) as string | undefined) : undefined)
      ?? (namedBy.get(p.transactionId, p.source, p.amountCents) as string | undefined);
    if (twin && sameAmount.get(twin) === p.amountCents) {
      addKey.run(p.transactionId, twin);
      alreadyKnown++;
      continue;
    }
    const id = newId();
    insert.run({
      id, transactionId: p.transactionId, source: p.source, amountCents: p.amountCents, paidAt: p.paidAt, channel: p.channel,
      payerPhone: p.payerPhone, payerPhoneRaw: p.payerPhoneRaw, payerName: p.payerName, referenceTyped: p.referenceTyped,
      referenceClean: cleanBillRef(p.referenceTyped), otherSourceKey: p.otherSourceKey, sourceFile: meta.sourceFile,
      importId: meta.importId, now: meta.now,
    });
    addKey.run(p.transactionId, id);
    added.push(id);
  }
  return { added, alreadyKnown };
}

/**
 * A statement's reversal line for a receipt imported from an earlier file: the money went back to
 * the payer, so the payment no longer counts. Returns the invoices whose settlement changes.
 */
export function applyReversals(
  sqlite: BetterSqlite3.Database,
  reversals: readonly { line: number; reverses: string }[],
  meta: { sourceFile: string; now: string },
): { reversed: number; invoiceIds: string[] } {
  const keyOwner = sqlite.prepare('SELECT payment_id FROM payment_keys WHERE key = ?').pluck();
  const load = sqlite.prepare('SELECT id, state, invoice_id FROM payments WHERE id = ?');
  const reverse = sqlite.prepare(
    `UPDATE payments SET state = 'ignored', invoice_id = NULL, match_rule = NULL, matched_by = NULL, matched_at = NULL,
       note = ?, version = version + 1, updated_at = ? WHERE id = ?`,
  );
  const invoiceIds: string[] = [];
  let reversed = 0;
  for (const r of reversals) {
    const id = keyOwner.get(r.reverses) as string | undefined;
    const p = id ? (load.get(id) as { id: string; state: string; invoice_id: string | null }) : undefined;
    if (!p || p.state === 'ignored') continue;
    reverse.run(`Reversed (${meta.sourceFile} line ${r.line})`, meta.now, p.id);
    if (p.invoice_id) invoiceIds.push(p.invoice_id);
    reversed++;
  }
  return { reversed, invoiceIds };
}
