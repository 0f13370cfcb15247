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

/** A licence a test follows, with its centre (and its batch, once dispatched). */
export interface FollowedLicence {
  id: string;
  licenceNo: string;
  nationalId: string;
  centreId: string;
  centreName: string;
  centreCode: string;
}

/** One paid application licensed through the API (an application paid first when none is): the licence a test follows. */
export async function issuedLicence(officer: Page): Promise<FollowedLicence> {
  await paidApplicationCount(officer);
  const [paid] = (await apiQuery(officer, 'applications.list', { state: 'paid', pageSize: 1 })).rows;
  const { issued } = await apiCommand(officer, 'licence.issue', { applicationIds: [paid!.id] });
  const licence = await apiQuery(officer, 'licence.detail', { id: issued[0]!.licenceId });
  const centre = (await apiQuery(officer, 'centres.list', {})).find((c) => c.id === licence.centreId)!;
  return {
    id: licence.id,
    licenceNo: licence.licenceNo,
    nationalId: licence.nationalId,
    centreId: centre.id,
    centreName: centre.name,
    centreCode: centre.code,
  };
}

export type DispatchedLicence = FollowedLicence & { batchId: string; batchNo: string };

/** A licence issued and dispatched to its centre in a batch of its own. */
export async function dispatchedLicence(officer: Page): Promise<DispatchedLicence> {
  const licence = await issuedLicence(officer);
  const batch = await apiCommand(officer, 'batch.create', { centreId: licence.centreId, licenceIds: [licence.id] });
  return { ...licence, batchId: batch.id, batchNo: batch.batchNo };
}

/** The demo clerk of a licence's centre. */
export const clerkOf = (licence: FollowedLicence): string => `clerk.${licence.centreCode.toLowerCase()}`;

/** A dispatched licence received at its centre and handed to a proxy, by `clerk` (that centre's clerk's tab). */
export async function collectedByProxy(
  clerk: Page,
  licence: DispatchedLicence,
  proxy: { collectorName: string; collectorIdNo: string; note: string },
): Promise<void> {
  await apiCommand(clerk, 'batch.receive', { batchId: licence.batchId });
  await apiCommand(clerk, 'licence.collect', { licenceId: licence.id, collector: 'proxy', ...proxy });
}
