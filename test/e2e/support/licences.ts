import type { Locator, Page } from 'playwright-core';
import { centsToDecimal } from '../../../src/shared/money.js';
import { apiCommand, apiQuery } from './api.js';
import { statusText, waitFor } from './ui.js';

const ECITIZEN_HEADER = 'invoice_number,client_invoice_ref,amount_paid,invoice_amount,currency,payment_date,payment_channel,phone_number,status';

/** A one-line eCitizen/Pesaflow notifications CSV (INTERFACES.md "Files in") settling a bill reference. */
export function ecitizenCsv(invoiceNumber: string, billRef: string, amountCents: number): string {
  const amount = centsToDecimal(amountCents);
  const paidAt = new Date(Date.now() - 60_000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '+00:00');
  return `${ECITIZEN_HEADER}\n${[invoiceNumber, billRef, amount, amount, 'KES', paidAt, 'MPESA', '254700000001', 'settled'].join(',')}\n`;
}

/**
 * The paid applications waiting for a licence. When the demo made none, the officer's tab pays
 * one approved application's invoice by importing an eCitizen notification through the API.
 */
export async function paidApplicationCount(officer: Page): Promise<number> {
  const paid = await apiQuery(officer, 'applications.list', { state: 'paid', pageSize: 1 });
  if (paid.total > 0) return paid.total;
  const { rows } = await apiQuery(officer, 'invoices.list', { view: 'open', pageSize: 100 });
  const invoice = rows.find((r) => r.state === 'unpaid' && r.applicationState === 'approved');
  if (!invoice) throw new Error('The demo data has no paid application and no approved one to pay.');
  const csv = ecitizenCsv(`E2E-${invoice.billRef}`, invoice.billRef, invoice.amountDueCents);
  await apiCommand(officer, 'payments.import', { fileName: 'e2e-ecitizen.csv', dataBase64: Buffer.from(csv).toString('base64'), dryRun: false });
  const after = await waitFor(
    () => apiQuery(officer, 'applications.list', { state: 'paid', pageSize: 1 }),
    (r) => r.total > 0,
    'the paid application',
  );
  return after.total;
}

/** The HTTP status of a query made with the tab's own session token (403 for another centre's licence). */
export function queryStatus(page: Page, name: string, input: unknown): Promise<number> {
  return page.evaluate(
    async ({ name, input }) => {
      const token = sessionStorage.getItem('kmlttb.token') ?? '';
      const res = await fetch(`/api/query/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      });
      return res.status;
    },
    { name, input },
  );
}

export function goTo(page: Page, link: string): Promise<void> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
}

/** Waits until the status line announces something matching `pattern`, and returns the match. */
export async function announced(page: Page, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  const text = await waitFor(
    () => statusText(page),
    (t) => pattern.test(t),
    what,
  );
  return pattern.exec(text)!;
}

/** Each body row of a table as its cells' text. */
export function rowsOf(table: Locator): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim())));
}
