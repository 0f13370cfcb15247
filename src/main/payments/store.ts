import { sql } from 'kysely';
import { cleanBillRef } from '../../shared/billRef.js';
import { newId } from '../core/ids.js';
import type { ReadableDB, WritableDB } from '../db/handles.js';
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
  db: WritableDB,
  payments: readonly ParsedPayment[],
  meta: { sourceFile: string; importId: string | null; now: string },
): StoreOutcome {
  const s = storeStatements(db);
  const added: string[] = [];
  let alreadyKnown = 0;
  for (const p of payments) {
    const { known, twin } = s.lookUp.first(p.transactionId, p.otherSourceKey, p.source, p.amountCents)!;
    if (known) {
      alreadyKnown++;
      continue;
    }
    if (twin && s.amountOf.first(twin)?.amount_cents === p.amountCents) {
      s.addKey.run(p.transactionId, twin);
      alreadyKnown++;
      continue;
    }
    const id = newId();
    s.insert.run(
      id,
      p.transactionId,
      p.source,
      p.amountCents,
      p.paidAt,
      p.channel,
      p.payerPhone,
      p.payerPhoneRaw,
      p.payerName,
      p.referenceTyped,
      cleanBillRef(p.referenceTyped),
      p.otherSourceKey,
      meta.sourceFile,
      meta.importId,
      meta.now,
    );
    s.addKey.run(p.transactionId, id);
    added.push(id);
  }
  return { added, alreadyKnown };
}

/**
 * Run for every payment stored, so compiled once per import, and one look-up per payment: the import
 * figure (QUALITY.md: import 100,000 payment rows ≥ 35% of raw insert throughput).
 */
function storeStatements(db: WritableDB) {
  return {
    /**
     * Whether the payment is known under its own transaction id; if not, its twin from the other
     * source: the payment its other-source key names, or one we know that names it.
     */
    lookUp: db.compileOnce(
      (transactionId: string, otherSourceKey: string | null, source: string, amountCents: number) =>
        sql<{ known: string | null; twin: string | null }>`SELECT
          (SELECT payment_id FROM payment_keys WHERE key = ${transactionId}) AS known,
          coalesce((SELECT payment_id FROM payment_keys WHERE key = ${otherSourceKey}),
                   (SELECT id FROM payments WHERE other_source_key = ${transactionId} AND source <> ${source} AND amount_cents = ${amountCents})) AS twin`,
    ),
    amountOf: db.compileOnce((id: string) => db.selectFrom('payments').select('amount_cents').where('id', '=', id)),
    addKey: db.compileOnce((key: string, paymentId: string) => sql`INSERT OR IGNORE INTO payment_keys (key, payment_id) VALUES (${key}, ${paymentId})`),
    insert: db.compileOnce(
      (
        id: string,
        transactionId: string,
        source: string,
        amountCents: number,
        paidAt: string,
        channel: string,
        payerPhone: string | null,
        payerPhoneRaw: string,
        payerName: string,
        referenceTyped: string,
        referenceClean: string,
        otherSourceKey: string | null,
        sourceFile: string,
        importId: string | null,
        now: string,
      ) => sql`INSERT INTO payments
        (id, transaction_id, source, amount_cents, paid_at, channel, payer_phone, payer_phone_raw, payer_name,
         reference_typed, reference_clean, other_source_key, source_file, import_id, state, created_at, updated_at)
       VALUES (${id}, ${transactionId}, ${source}, ${amountCents}, ${paidAt}, ${channel}, ${payerPhone}, ${payerPhoneRaw}, ${payerName},
         ${referenceTyped}, ${referenceClean}, ${otherSourceKey}, ${sourceFile}, ${importId}, 'unmatched', ${now}, ${now})`,
    ),
  };
}

function keyOwner(db: ReadableDB, key: string): string | undefined {
  return db.first(sql<{ payment_id: string }>`SELECT payment_id FROM payment_keys WHERE key = ${key}`)?.payment_id;
}

/**
 * A statement's reversal line for a receipt imported from an earlier file: the money went back to
 * the payer, so the payment no longer counts. Returns the invoices whose settlement changes.
 */
export function applyReversals(
  db: WritableDB,
  reversals: readonly { line: number; reverses: string }[],
  meta: { sourceFile: string; now: string },
): { reversed: number; invoiceIds: string[] } {
  const invoiceIds: string[] = [];
  let reversed = 0;
  for (const r of reversals) {
    const id = keyOwner(db, r.reverses);
    const p = id ? db.first(db.selectFrom('payments').select(['id', 'state', 'invoice_id']).where('id', '=', id)) : undefined;
    if (!p || p.state === 'ignored') continue;
    db.run(
      db
        .updateTable('payments')
        .set((eb) => ({
          state: 'ignored',
          invoice_id: null,
          match_rule: null,
          matched_by: null,
          matched_at: null,
          note: `Reversed (${meta.sourceFile} line ${r.line})`,
          version: eb('version', '+', 1),
          updated_at: meta.now,
        }))
        .where('id', '=', p.id),
    );
    if (p.invoice_id) invoiceIds.push(p.invoice_id);
    reversed++;
  }
  return { reversed, invoiceIds };
}
