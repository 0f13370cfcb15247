import { sql } from 'kysely';
import { cleanBillRef } from '../../shared/billRef.js';
import { newId } from '../core/ids.js';
import { statements, type ReadableDB, type WritableDB } from '../db/handles.js';
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
 *
 * Payments are taken in order, each seeing the ones before it. The per-payment look-up (known,
 * or a twin) runs only for a payment one of whose keys is already somewhere: among the keys and
 * other-source keys stored before (found for all the payments at once) or stored by an earlier
 * payment here. The others cannot be known and have no twin (QUALITY.md: import 100,000 payment
 * rows ≥ 35% of raw insert throughput).
 */
export function storePayments(
  db: WritableDB,
  payments: readonly ParsedPayment[],
  meta: { sourceFile: string; importId: string | null; now: string },
): StoreOutcome {
  const { keys, otherSourceKeys } = keysAlreadyStored(db, payments);
  const lookUp = db.compileOnce(lookUpPayment);
  const amountOf = db.compileOnce(amountOfPayment);
  const addKey = db.compileOnce(addPaymentKey);
  const insert = db.compileOnce(insertPayment);
  const added: string[] = [];
  let alreadyKnown = 0;
  for (const p of payments) {
    if (keys.has(p.transactionId) || (p.otherSourceKey !== null && keys.has(p.otherSourceKey)) || otherSourceKeys.has(p.transactionId)) {
      const { known, twin } = lookUp.first(p.transactionId, p.otherSourceKey, p.source, p.amountCents)!;
      if (known) {
        alreadyKnown++;
        continue;
      }
      if (twin && amountOf.first(twin)?.amount_cents === p.amountCents) {
        addKey.run(p.transactionId, twin);
        keys.add(p.transactionId);
        alreadyKnown++;
        continue;
      }
    }
    const id = newId();
    insert.run(
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
    addKey.run(p.transactionId, id);
    keys.add(p.transactionId);
    if (p.otherSourceKey !== null) otherSourceKeys.add(p.otherSourceKey);
    added.push(id);
  }
  return { added, alreadyKnown };
}

/**
 * Of the payments' transaction ids and other-source keys, those already in payment_keys; of their
 * transaction ids, those some stored payment names as its other-source key. One query each, led by
 * the list (CROSS JOIN keeps SQLite from scanning the tables instead).
 */
function keysAlreadyStored(db: ReadableDB, payments: readonly ParsedPayment[]): { keys: Set<string>; otherSourceKeys: Set<string> } {
  const transactionIds = payments.map((p) => p.transactionId);
  const allKeys = JSON.stringify([...transactionIds, ...payments.flatMap((p) => (p.otherSourceKey === null ? [] : [p.otherSourceKey]))]);
  return {
    keys: new Set(
      db
        .compileOnce(storedKeys)
        .all(allKeys)
        .map((r) => r.key),
    ),
    otherSourceKeys: new Set(
      db
        .compileOnce(namedAsOtherSourceKey)
        .all(JSON.stringify(transactionIds))
        .map((r) => r.key),
    ),
  };
}

const storedKeys = (keysJson: string) => sql<{ key: string }>`SELECT k.key FROM json_each(${keysJson}) AS j CROSS JOIN payment_keys AS k ON k.key = j.value`;

const namedAsOtherSourceKey = (keysJson: string) =>
  sql<{ key: string }>`SELECT p.other_source_key AS key FROM json_each(${keysJson}) AS j CROSS JOIN payments AS p ON p.other_source_key = j.value`;

/**
 * Whether the payment is known under its own transaction id; if not, its twin from the other
 * source: the payment its other-source key names, or one we know that names it.
 */
const lookUpPayment = (transactionId: string, otherSourceKey: string | null, source: string, amountCents: number) =>
  sql<{ known: string | null; twin: string | null }>`SELECT
    (SELECT payment_id FROM payment_keys WHERE key = ${transactionId}) AS known,
    coalesce((SELECT payment_id FROM payment_keys WHERE key = ${otherSourceKey}),
             (SELECT id FROM payments WHERE other_source_key = ${transactionId} AND source <> ${source} AND amount_cents = ${amountCents})) AS twin`;

const amountOfPayment = (id: string) => statements.selectFrom('payments').select('amount_cents').where('id', '=', id);

const addPaymentKey = (key: string, paymentId: string) => sql`INSERT OR IGNORE INTO payment_keys (key, payment_id) VALUES (${key}, ${paymentId})`;

const insertPayment = (
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
   ${referenceTyped}, ${referenceClean}, ${otherSourceKey}, ${sourceFile}, ${importId}, 'unmatched', ${now}, ${now})`;

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
