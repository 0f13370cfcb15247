import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BILL_REF_ALPHABET } from '../../src/shared/billRef.js';
import type { InvoiceRow } from '../../src/shared/contract/payments.js';
import { formatKes } from '../../src/shared/money.js';
import { apiCommand, apiQuery } from './support/api.js';
import { errorsOf, screenshot, signIn } from './support/browser.js';
import { demoDesk } from './support/demoDesk.js';
import {
  findPayment,
  goToPayments,
  mpesaStatement,
  nairobiClock,
  paymentPanel,
  tableRows,
  termValue,
  totalsOnScreen,
  type StatementLine,
  type Totals,
} from './support/payments.js';
import { statusText, waitFor } from './support/ui.js';

const { dataDir, setup } = demoDesk(100, 5);

/** Open invoices of approved applications, read through the API as the signed-in officer. */
async function openInvoices(page: Page, n: number): Promise<InvoiceRow[]> {
  const { rows } = await apiQuery(page, 'invoices.list', { view: 'open', pageSize: 100 });
  const unpaid = rows.filter((r) => r.state === 'unpaid' && r.applicationState === 'approved');
  expect(unpaid.length).toBeGreaterThanOrEqual(n);
  return unpaid;
}

/** Invoices each test takes for itself, so that tests do not pay the same one. */
const taken = new Set<string>();
async function freshInvoices(page: Page, n: number): Promise<InvoiceRow[]> {
  const rows = (await openInvoices(page, n + taken.size)).filter((r) => !taken.has(r.id)).slice(0, n);
  rows.forEach((r) => taken.add(r.id));
  return rows;
}

function line(receipt: string, account: string, amountCents: number, name: string): StatementLine {
  return { receipt, at: nairobiClock(), amountCents, phone: '254799999001', name, account };
}

async function importByApi(page: Page, fileName: string, lines: StatementLine[]) {
  const dataBase64 = Buffer.from(mpesaStatement(lines)).toString('base64');
  return apiCommand(page, 'payments.import', { fileName, dataBase64, dryRun: false });
}

function addsUp(t: Totals): boolean {
  return t.Received === t.Matched + t.Unmatched + t['Not ours'] + t['Refund due'];
}

describe('browser mode: payments and reconciliation', () => {
  it('an officer imports an M-Pesa statement, sees one matched and one unmatched, matches the other by hand, and its application is paid', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'officer');
    const [exact, byHand] = (await freshInvoices(page, 2)) as [InvoiceRow, InvoiceRow];
    const file = path.join(dataDir, 'mpesa-statement.csv');
    fs.writeFileSync(
      file,
      mpesaStatement([
        line('RKE2E00001', exact.billRef, exact.amountDueCents, 'WANJIKU TEST PAYER'),
        line('RKE2E00002', 'NOTHING42', byHand.amountDueCents, 'OCHIENG TEST PAYER'),
      ]),
    );

    await goToPayments(page);
    const before = await totalsOnScreen(page);
    expect(addsUp(before)).toBe(true);
    expect(await page.getByRole('tab', { name: 'Unmatched', exact: true }).getAttribute('aria-selected')).toBe('true');

    // The dry run first: what the file holds and what importing it would do.
    await page.getByRole('button', { name: 'Import payments' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import payments' });
    await dialog.getByLabel('Payments file (.csv or .jsonl)').setInputFiles(file);
    const summary = dialog.getByRole('region', { name: 'Import summary' });
    await summary.waitFor();
    expect(await termValue(summary, 'Format').innerText()).toBe('M-Pesa paybill statement');
    expect(await termValue(summary, 'Rows read').innerText()).toBe('2');
    expect(await termValue(summary, 'References read from').innerText()).toBe('A/C No.');
    expect(await termValue(summary, 'New payments').innerText()).toBe('2');
    expect(await termValue(summary, 'Already known').innerText()).toBe('0');
    expect(await termValue(summary, 'Problems').innerText()).toBe('0');
    expect(await termValue(summary, 'Would match: exact bill reference').innerText()).toBe('1');
    expect(await termValue(summary, 'Left unmatched').innerText()).toBe('1');
    await screenshot(page, 'payments-import-summary');
    expect((await apiQuery(page, 'payments.list', { view: 'all', search: 'RKE2E00001' })).total).toBe(0);

    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await waitFor(
      () => statusText(page),
      (t) => t.includes('Payments imported from mpesa-statement.csv: 2 new, 0 already known; 1 matched, 1 left unmatched.'),
      'the import to be announced',
    );
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The unmatched payment: nothing suggests itself, so the officer finds the invoice and matches it with a reason.
    const row = await findPayment(page, 'Unmatched payments', 'RKE2E00002');
    expect(row.slice(2, 7)).toEqual([formatKes(byHand.amountDueCents), 'OCHIENG TEST PAYER\n0799 999 001', 'NOTHING42', 'Unmatched', '—']);
    await page.getByRole('table', { name: 'Unmatched payments' }).getByRole('button', { name: 'RKE2E00002' }).click();
    const panel = paymentPanel(page);
    await panel.getByRole('heading', { name: /^Payment RKE2E00002/ }).waitFor();
    await panel.getByText('No invoice looks like this payment.').waitFor();
    await screenshot(page, 'payments-unmatched');

    await panel.getByLabel('Find an invoice').fill(byHand.billRef);
    const found = panel.getByRole('table', { name: 'Invoices found' });
    await waitFor(
      () => tableRows(found),
      (r) => r.length === 1 && r[0]?.[0] === byHand.billRef,
      'the invoice to be found',
    );
    await found.getByRole('button', { name: 'Match', exact: true }).click();
    await panel.getByRole('heading', { name: `Match to ${byHand.billRef} (${byHand.applicationRef})` }).waitFor();
    // The reason is required from the start: marked so, and Confirm waits until it is long enough.
    const reason = panel.getByLabel('Reason');
    const confirm = panel.getByRole('button', { name: 'Confirm' });
    expect(await reason.getAttribute('aria-required')).toBe('true');
    expect(await panel.getByText('Required: at least 3 characters.', { exact: false }).count()).toBe(1);
    expect(await confirm.isDisabled()).toBe(true);
    await reason.fill('ok');
    expect(await confirm.isDisabled()).toBe(true);
    await reason.fill('The payer phoned: NOTHING42 was a typing slip for this bill reference.');
    expect(await confirm.isDisabled()).toBe(false);
    await panel.getByRole('button', { name: 'Confirm' }).click();
    await waitFor(
      () => statusText(page),
      (t) => t.includes(`Payment RKE2E00002 (${formatKes(byHand.amountDueCents)}) matched to ${byHand.billRef}`),
      'the match to be announced',
    );

    // The panel now shows the invoice it paid, and Unmatch instead of matching.
    await waitFor(
      () => termValue(panel, 'State').innerText(),
      (t) => t === 'Matched',
      'the payment to show matched',
    );
    expect(await termValue(panel, 'Rule').innerText()).toBe('By hand');
    expect(await termValue(panel, 'Matched by').innerText()).toBe('officer');
    expect(await termValue(panel, 'Invoice state').innerText()).toBe('Paid');
    expect(await termValue(panel, 'Balance').innerText()).toBe('KES 0.00');
    expect(await panel.getByRole('button', { name: 'Unmatch' }).count()).toBe(1);
    expect(await panel.getByRole('button', { name: 'Match', exact: true }).count()).toBe(0);

    // Both applications are paid: one by the exact reference, one by hand.
    expect((await apiQuery(page, 'application.detail', { id: byHand.applicationId })).state).toBe('paid');
    expect((await apiQuery(page, 'application.detail', { id: exact.applicationId })).state).toBe('paid');

    // The Matched tab shows the rule each payment was matched by.
    await page.getByRole('tab', { name: 'Matched', exact: true }).click();
    const auto = await findPayment(page, 'Matched payments', 'RKE2E00001');
    expect([auto[5], auto[6], auto[7], auto[8]]).toEqual(['Matched', 'Exact bill reference', exact.billRef, exact.applicationRef]);
    await screenshot(page, 'payments-matched');

    // The totals take in both payments and still add up.
    const after = await waitFor(
      () => totalsOnScreen(page),
      (t) => t.Received === before.Received + exact.amountDueCents + byHand.amountDueCents,
      'the totals to take in the import',
    );
    expect(addsUp(after)).toBe(true);
    expect(after.Matched).toBe(before.Matched + exact.amountDueCents + byHand.amountDueCents);
    expect(after.Unmatched).toBe(before.Unmatched);

    await page.getByRole('tab', { name: 'All', exact: true }).click();
    await findPayment(page, 'All payments', 'RKE2E00002');
    await screenshot(page, 'payments-all');
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('a file with problems cannot be imported, and the dry run says which lines are wrong', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'officer');
    const file = path.join(dataDir, 'mpesa-bad.csv');
    const good = line('RKE2E00010', 'LB2345', 300000, 'TEST PAYER');
    // Line 3 has a day that does not exist.
    fs.writeFileSync(file, mpesaStatement([good, { ...good, receipt: 'RKE2E00011', at: '31/02/2026 10:00' }]));
    await goToPayments(page);
    await page.getByRole('button', { name: 'Import payments' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import payments' });
    await dialog.getByLabel('Payments file (.csv or .jsonl)').setInputFiles(file);
    const problems = dialog.getByRole('table', { name: 'Problems in the file' });
    await problems.waitFor();
    const rows = await tableRows(problems);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.slice(0, 2)).toEqual(['3', 'Completion Time']);
    await dialog.getByText('1 problem found. Nothing can be imported until the file is corrected.').waitFor();
    expect(await dialog.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await apiQuery(page, 'payments.list', { view: 'all', search: 'RKE2E00010' })).total).toBe(0);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('an officer records the refund of an overpaid surplus in Exceptions, and flags a stray payment for a refund', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'officer');
    const [over] = (await freshInvoices(page, 1)) as [InvoiceRow];
    const surplus = 100_000;
    await importByApi(page, 'mpesa-overpaid.csv', [
      line('RKE2E00020', over.billRef, over.amountDueCents + surplus, 'KAMAU TEST PAYER'),
      line('RKE2E00021', 'WRONGPAYBILL', 150_000, 'STRAY TEST PAYER'),
    ]);
    await goToPayments(page);

    // The stray payment is flagged for a refund with a reason, then the refund is recorded as made.
    await findPayment(page, 'Unmatched payments', 'RKE2E00021');
    await page.getByRole('table', { name: 'Unmatched payments' }).getByRole('button', { name: 'RKE2E00021' }).click();
    const panel = paymentPanel(page);
    await panel.getByRole('group', { name: 'Payment actions' }).getByRole('button', { name: 'Refund due' }).click();
    await panel.getByLabel('Reason').fill('Paid to our paybill by mistake; the payer asked for it back.');
    await panel.getByRole('button', { name: 'Confirm' }).click();
    await waitFor(
      () => statusText(page),
      (t) => t.includes('Payment RKE2E00021 flagged for a refund of KES 1,500.00.'),
      'the flag to be announced',
    );

    await page.getByRole('tab', { name: 'Exceptions', exact: true }).click();
    const toRefund = page.getByRole('table', { name: 'Payments to refund' });
    await waitFor(
      () => tableRows(toRefund),
      (r) => r.some((c) => c[1] === 'RKE2E00021'),
      'the payment among those to refund',
    );
    const invoices = page.getByRole('table', { name: 'Invoices needing attention' });
    await waitFor(
      () => tableRows(invoices),
      (r) => r.some((c) => c[0] === over.billRef),
      'the overpaid invoice',
    );
    await screenshot(page, 'payments-exceptions');

    await invoices.getByRole('button', { name: over.billRef }).click();
    const invoicePanel = page.getByRole('complementary', { name: 'Invoice details' });
    expect(await termValue(invoicePanel, 'Invoice state').innerText()).toBe('Overpaid');
    expect(await termValue(invoicePanel, 'Refund due').innerText()).toBe(formatKes(surplus));
    await invoicePanel.getByRole('button', { name: 'Refund made' }).click();
    await invoicePanel.getByLabel('Reason').fill('Sent back by M-Pesa B2C, receipt RKB2C0001.');
    await invoicePanel.getByRole('button', { name: 'Confirm' }).click();
    await waitFor(
      () => statusText(page),
      (t) => t.includes(`Refund of ${formatKes(surplus)} on ${over.billRef} recorded as made.`),
      'the refund to be announced',
    );
    await waitFor(
      () => termValue(invoicePanel, 'Refund due').innerText(),
      (t) => t.startsWith(`${formatKes(surplus)}, refunded `),
      'the invoice to show the refund',
    );
    expect(await invoicePanel.getByRole('button', { name: 'Refund made' }).count()).toBe(0);
    expect((await apiQuery(page, 'application.detail', { id: over.applicationId })).state).toBe('paid');

    await toRefund.getByRole('button', { name: 'RKE2E00021' }).click();
    await paymentPanel(page).getByRole('button', { name: 'Refund made' }).click();
    await paymentPanel(page).getByLabel('Reason').fill('Reversed through M-Pesa, reversal RKREV0001.');
    await paymentPanel(page).getByRole('button', { name: 'Confirm' }).click();
    await waitFor(
      () => statusText(page),
      (t) => t.includes('Refund of KES 1,500.00 for Payment RKE2E00021 recorded as made.'),
      'the payment refund to be announced',
    );
    await waitFor(
      () => termValue(paymentPanel(page), 'Refund made').innerText(),
      (t) => t !== 'Not yet',
      'the payment to show its refund',
    );
    expect(addsUp(await totalsOnScreen(page))).toBe(true);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('a payment made before its application was approved is matched by national ID when the officer runs auto-match, and can be taken off again', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'officer');
    const { rows } = await apiQuery(page, 'applications.list', { state: 'submitted', pageSize: 100 });
    let app: { id: string; nationalId: string; feeCents: number } | undefined;
    for (const row of rows) {
      const detail = await apiQuery(page, 'application.detail', { id: row.id });
      const others = await apiQuery(page, 'invoices.list', { view: 'all', search: detail.nationalId });
      if (detail.feeCents && others.total === 0) {
        app = { id: detail.id, nationalId: detail.nationalId, feeCents: detail.feeCents };
        break;
      }
    }
    if (!app) throw new Error('no submitted application without an invoice for its national ID');
    const report = await importByApi(page, 'mpesa-early.csv', [line('RKE2E00040', app.nationalId, app.feeCents, 'EARLY TEST PAYER')]);
    expect(report.unmatched).toBe(1);
    await apiCommand(page, 'application.approve', { applicationId: app.id, reason: 'Checked for the auto-match test.' });

    await goToPayments(page);
    await page.getByRole('button', { name: 'Run auto-match' }).click();
    await waitFor(
      () => statusText(page),
      (t) => /^Auto-match: \d+ matched \(exact bill reference \d+, check character \d+, national ID [1-9]\d*\), \d+ left unmatched\.$/.test(t),
      'the auto-match to be announced',
    );
    await page.getByRole('tab', { name: 'Matched', exact: true }).click();
    const row = await findPayment(page, 'Matched payments', 'RKE2E00040');
    expect(row[6]).toBe('National ID');
    expect((await apiQuery(page, 'application.detail', { id: app.id })).state).toBe('paid');

    // Taken off again with a reason: the payment is unmatched and the application no longer paid.
    await page.getByRole('table', { name: 'Matched payments' }).getByRole('button', { name: 'RKE2E00040' }).click();
    const panel = paymentPanel(page);
    await panel.getByRole('button', { name: 'Unmatch' }).click();
    await panel.getByLabel('Reason').fill('The payer says this was for a relative with the same ID on the form.');
    await panel.getByRole('button', { name: 'Confirm' }).click();
    await waitFor(
      () => statusText(page),
      (t) => t.includes('Payment RKE2E00040 taken off'),
      'the unmatch to be announced',
    );
    await waitFor(
      () => termValue(panel, 'State').innerText(),
      (t) => t === 'Unmatched',
      'the payment to show unmatched',
    );
    expect((await apiQuery(page, 'application.detail', { id: app.id })).state).toBe('approved');
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('an auditor sees payments, totals and suggestions, but no import, auto-match or reconcile action, and the back end refuses a match', async () => {
    const { url, browser } = setup();
    const officer = await signIn(browser.context, url, 'officer');
    const [near, paid] = (await freshInvoices(officer, 2)) as [InvoiceRow, InvoiceRow];
    // One character wrong and not the amount due: the check-character rule leaves it to a person.
    const last = near.billRef.at(-2) ?? '';
    const typo = near.billRef.slice(0, -2) + (BILL_REF_ALPHABET.split('').find((c) => c !== last) ?? '') + near.billRef.slice(-1);
    // And one paid exactly, matched on import: this test's own matched payment.
    await importByApi(officer, 'mpesa-typo.csv', [
      line('RKE2E00030', typo, near.amountDueCents - 50_000, 'TYPO TEST PAYER'),
      line('RKE2E00031', paid.billRef, paid.amountDueCents, 'EXACT TEST PAYER'),
    ]);
    await officer.close();

    const page = await signIn(browser.context, url, 'auditor');
    await goToPayments(page);
    expect(addsUp(await totalsOnScreen(page))).toBe(true);

    // The period is read and typed dd/mm/yyyy, whatever the browser's locale.
    const totals = page.getByRole('region', { name: 'Totals for the period' });
    const monthStart = await totals.getByLabel('From', { exact: true }).inputValue();
    expect(monthStart).toMatch(/^01\/\d{2}\/\d{4}$/);
    await totals.getByLabel('From', { exact: true }).fill('01/02/2001');
    await totals.getByLabel('To', { exact: true }).fill('28/02/2001');
    await waitFor(
      () => totalsOnScreen(page),
      (t) => t.Received === 0 && addsUp(t),
      'no money received in February 2001',
    );
    await totals.getByRole('button', { name: 'This month' }).click();
    await waitFor(
      () => totals.getByLabel('From', { exact: true }).inputValue(),
      (v) => v === monthStart,
      'this month again',
    );
    expect(await page.getByRole('button', { name: 'Import payments' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Run auto-match' }).count()).toBe(0);

    await findPayment(page, 'Unmatched payments', 'RKE2E00030');
    await page.getByRole('table', { name: 'Unmatched payments' }).getByRole('button', { name: 'RKE2E00030' }).click();
    const panel = paymentPanel(page);
    const suggestion = panel.getByRole('listitem').filter({ hasText: near.billRef }).first();
    await suggestion.getByText(`differs by one character from ${near.billRef}`).waitFor();
    expect(await panel.getByRole('button', { name: 'Match', exact: true }).count()).toBe(0);
    expect(await panel.getByRole('group', { name: 'Payment actions' }).count()).toBe(0);
    expect(await panel.getByLabel('Find an invoice').count()).toBe(0);
    await screenshot(page, 'payments-auditor');

    await page.getByRole('tab', { name: 'Matched', exact: true }).click();
    await findPayment(page, 'Matched payments', 'RKE2E00031');
    await page.getByRole('table', { name: 'Matched payments' }).getByRole('button', { name: 'RKE2E00031' }).click();
    await waitFor(
      () => termValue(panel, 'State').innerText(),
      (t) => t === 'Matched',
      'the matched payment',
    );
    expect(await panel.getByRole('button', { name: 'Unmatch' }).count()).toBe(0);

    const payment = (await apiQuery(page, 'payments.list', { view: 'unmatched', search: 'RKE2E00030' })).rows[0]!;
    await expect(apiCommand(page, 'payment.match', { paymentId: payment.id, invoiceId: near.id, reason: 'Trying as auditor' })).rejects.toThrow(/forbidden/);
    expect((await apiQuery(page, 'payment.detail', { id: payment.id })).state).toBe('unmatched');
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });
});
