import type { Actor } from '../../../src/main/core/actor.js';
import type { Desk } from '../../../src/main/desk.js';
import { seedApplication, type ApplicationSeed } from './tempDesk.js';

let txn = 0;

/** A submitted application taken to `paid` through the real commands: approve, then an eCitizen payment. */
export async function paidApplication(desk: Desk, officer: Actor, seed: ApplicationSeed = {}): Promise<string> {
  const id = seedApplication(desk, seed);
  const approved = await desk.dispatch('application.approve', { applicationId: id }, officer);
  if (!approved.ok) throw new Error(approved.error.message);
  txn++;
  const csv = [
    'invoice_number,client_invoice_ref,amount_paid,invoice_amount,currency,payment_date,payment_channel,phone_number,status',
    `ECZ-T${txn},${approved.value.billRef},${approved.value.amountDueCents! / 100},${approved.value.amountDueCents! / 100},KES,2026-01-05 10:00:00+03:00,MPESA,254712345678,settled`,
  ].join('\n');
  const paid = await desk.dispatch('payments.import', { fileName: `pay-${txn}.csv`, dataBase64: Buffer.from(csv).toString('base64'), dryRun: false }, officer);
  if (!paid.ok) throw new Error(paid.error.message);
  return id;
}
