import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BILL_REF_ALPHABET } from '../../src/shared/billRef.js';
import type { InvoiceRow } from '../../src/shared/contract/payments.js';
import { apiCommand, apiQuery } from './support/api.js';
import { errorsOf, screenshot, signIn } from './support/browser.js';
import { demoDesk } from './support/demoDesk.js';
import { findPayment, goToPayments, mpesaStatement, nairobiClock, tableRows, type StatementLine } from './support/payments.js';
import { statusText, waitFor } from './support/ui.js';

const { setup } = demoDesk(80, 14);

interface Payer {
  invoice: InvoiceRow;
  phone: string;
  name: string;
}

/**
 * Unpaid invoices of approved applications whose applicant's phone no other approved application
 * gives, and that no payment already waiting claims as its strong top suggestion (a bulk accept
 * leaves an invoice two payments claim to a person).
 */
async function payers(page: Page, n: number): Promise<Payer[]> {
  const claimed = new Set((await apiQuery(page, 'payments.strongSuggestions', {})).rows.map((r) => r.suggestion.invoiceId));
  const approved = (await apiQuery(page, 'applications.list', { state: 'approved', pageSize: 500 })).rows;
  const uses = new Map<string, number>();
  for (const a of approved) if (a.phone) uses.set(a.phone, (uses.get(a.phone) ?? 0) + 1);
  const byId = new Map(approved.map((a) => [a.id, a] as const));
  const { rows } = await apiQuery(page, 'invoices.list', { view: 'open', pageSize: 500 });
  const found = rows
    .filter((r) => r.state === 'unpaid' && !claimed.has(r.id) && byId.get(r.applicationId)?.phone && uses.get(byId.get(r.applicationId)!.phone!) === 1)
    .slice(0, n)
    .map((invoice) => ({ invoice, phone: byId.get(invoice.applicationId)!.phone!, name: invoice.applicantName.toUpperCase() }));
  expect(found).toHaveLength(n);
  return found;
}

/** The bill reference with two characters changed: more than the check character can put right. */
function twoWrong(ref: string): string {
  const next = (c: string) => BILL_REF_ALPHABET[(BILL_REF_ALPHABET.indexOf(c) + 5) % BILL_REF_ALPHABET.length]!;
  return ref.slice(0, 3) + next(ref[3]!) + ref.slice(4, 6) + next(ref[6]!) + ref.slice(7);
}

const line = (receipt: string, p: Payer, account: string): StatementLine => ({
  receipt,
  at: nairobiClock(),
  amountCents: p.invoice.amountDueCents,
  phone: p.phone,
  name: p.name,
  account,
});

async function paymentNamed(page: Page, transactionId: string) {
  const { rows } = await apiQuery(page, 'payments.list', { view: 'all', search: transactionId });
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe('browser mode: accepting suggested matches', () => {
  it('an officer accepts one top suggestion with a click and one with the A key; the row leaves the Unmatched tab', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'officer');
    const [byClick, byKey] = (await payers(page, 2)) as [Payer, Payer];
    await apiCommand(page, 'payments.import', {
      fileName: 'single.csv',
      dataBase64: Buffer.from(mpesaStatement([line('RKSG00001', byClick, 'FEES'), line('RKSG00002', byKey, '')])).toString('base64'),
      dryRun: false,
    });
    expect((await paymentNamed(page, 'RKSG00001')).state).toBe('unmatched');

    await goToPayments(page);
    const table = page.getByRole('table', { name: 'Unmatched payments' });
    await findPayment(page, 'Unmatched payments', 'RKSG00001');
    const row = table.locator('tbody tr').first();
    await row.getByText(byClick.invoice.billRef).waitFor();
    await row.getByText(`The payer's phone is ${byClick.invoice.applicantName}'s`).waitFor();
    await screenshot(page, 'payments-top-suggestion');
    await row.getByRole('button', { name: `Accept ${byClick.invoice.billRef}` }).click();
    await waitFor(
      () => statusText(page),
      (s) => s.includes(`Payment RKSG00001`) && s.includes(`matched to ${byClick.invoice.billRef}`),
      'the accept announced',
    );
    expect(await paymentNamed(page, 'RKSG00001')).toMatchObject({ state: 'matched', matchRule: 'manual', billRef: byClick.invoice.billRef });
    // Accepting does not open the payment: the row just leaves the tab.
    await waitFor(
      () => tableRows(table),
      (rows) => rows.length === 1 && rows[0]!.join(' ').includes('No unmatched payment'),
      'the accepted payment to leave the Unmatched tab',
    );

    await findPayment(page, 'Unmatched payments', 'RKSG00002');
    await row.getByText(byKey.invoice.billRef).waitFor();
    await row.getByRole('button', { name: 'RKSG00002', exact: true }).focus();
    await page.keyboard.press('a');
    await waitFor(
      () => paymentNamed(page, 'RKSG00002'),
      (p) => p.state === 'matched',
      'the A key to accept',
    );
    expect((await paymentNamed(page, 'RKSG00002')).billRef).toBe(byKey.invoice.billRef);
    expect(errorsOf(page)).toEqual([]);
  });

  it('the bulk accept lists exactly what it will match, matches nothing until confirmed, then matches exactly that', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'officer');
    const [byWord, byPhone, byTypo] = (await payers(page, 3)) as [Payer, Payer, Payer];
    await apiCommand(page, 'payments.import', {
      fileName: 'bulk.csv',
      dataBase64: Buffer.from(
        mpesaStatement([
          line('RKSG00003', byWord, 'LICENCE'),
          line('RKSG00004', byPhone, `0${byPhone.phone.slice(3)}`),
          line('RKSG00005', byTypo, twoWrong(byTypo.invoice.billRef)),
        ]),
      ).toString('base64'),
      dryRun: false,
    });

    await goToPayments(page);
    await page.getByRole('button', { name: 'Accept all top suggestions with strong evidence' }).click();
    const dialog = page.getByRole('dialog', { name: 'Accept all top suggestions with strong evidence' });
    const list = dialog.getByRole('table', { name: 'Matches to make' });
    await list.locator('tbody tr').first().waitFor();
    const listed = await tableRows(list);
    const ours = { RKSG00003: byWord, RKSG00004: byPhone, RKSG00005: byTypo };
    for (const [txn, p] of Object.entries(ours)) {
      const shown = listed.find((r) => r[0] === txn);
      expect(shown, txn).toBeDefined();
      expect(shown![3]).toContain(p.invoice.billRef);
    }
    expect(listed.find((r) => r[0] === 'RKSG00005')![4]).toContain('is 2 characters from');
    await screenshot(page, 'payments-accept-strong');
    // Nothing is matched while the list is only shown.
    for (const txn of Object.keys(ours)) expect((await paymentNamed(page, txn)).state).toBe('unmatched');

    await dialog.getByRole('button', { name: `Accept ${listed.length} ${listed.length === 1 ? 'match' : 'matches'}` }).click();
    await waitFor(
      () => statusText(page),
      (s) => s.includes(`${listed.length} payments matched to their suggested invoices`),
      'the bulk accept announced',
    );
    await dialog.waitFor({ state: 'detached' });
    for (const [txn, , , matchedTo] of listed) {
      const p = await paymentNamed(page, txn!);
      expect(p.state, txn).toBe('matched');
      expect(matchedTo).toContain(p.billRef!);
    }
    expect(errorsOf(page)).toEqual([]);
  });
});
