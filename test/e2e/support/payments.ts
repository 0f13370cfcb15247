import type { Locator, Page } from 'playwright-core';
import { centsToDecimal, parseAmountToCents } from '../../../src/shared/money.js';
import { waitFor } from './ui.js';

export interface StatementLine {
  receipt: string;
  /** Nairobi wall-clock time `YYYY-MM-DD HH:mm:ss`. */
  at: string;
  amountCents: number;
  phone: string;
  name: string;
  account: string;
}

const STATEMENT_HEADER = 'Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Other Party Info,A/C No.';

/** An M-Pesa paybill statement CSV (INTERFACES.md "Files in") with completed lines paid in. */
export function mpesaStatement(lines: readonly StatementLine[]): string {
  const rows = lines.map((l) =>
    [
      l.receipt,
      l.at,
      `Pay Bill from ${l.phone} - ${l.name} Acc. ${l.account}`,
      'Completed',
      centsToDecimal(l.amountCents),
      '',
      `${l.phone} - ${l.name}`,
      l.account,
    ].join(','),
  );
  return [STATEMENT_HEADER, ...rows].join('\n') + '\n';
}

/** Nairobi wall-clock time `msAgo` before now, as an M-Pesa statement writes it (`2026-11-20 10:00:00`). */
export function nairobiClock(msAgo = 60_000): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Africa/Nairobi',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() - msAgo));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

export function goToPayments(page: Page): Promise<void> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payments', exact: true }).click();
}

export function paymentPanel(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Payment details' });
}

/** The value shown for a term in a side panel (a <dt>/<dd> pair); `within` picks a section. */
export function termValue(scope: Locator, term: string): Locator {
  return scope.locator('dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');
}

/** Each row of a grid as its cells' text. */
export function tableRows(table: Locator): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim())));
}

/** Searches the payments grid of the current tab and waits until it shows exactly that transaction. */
export async function findPayment(page: Page, tableName: string, transactionId: string): Promise<string[]> {
  await page.getByLabel('Search payments').fill(transactionId);
  const table = page.getByRole('table', { name: tableName });
  const rows = await waitFor(
    () => tableRows(table),
    (r) => r.length === 1 && r[0]?.[1] === transactionId,
    `the ${tableName} grid to show only ${transactionId}`,
  );
  return rows[0] ?? [];
}

export type Totals = Record<'Received' | 'Matched' | 'Unmatched' | 'Not ours' | 'Refund due' | 'Expected', number>;

/** The totals summary as shown, in cents. */
export async function totalsOnScreen(page: Page): Promise<Totals> {
  const region = page.getByRole('region', { name: 'Totals for the period' });
  await region.locator('.figure').first().waitFor();
  const figures = await region
    .locator('.figure')
    .evaluateAll((els) => els.map((el) => [el.querySelector('.figure-label')?.textContent ?? '', el.querySelector('.figure-value')?.textContent ?? '']));
  return Object.fromEntries(figures.map(([label, value]) => [label, parseAmountToCents(value ?? '') ?? Number.NaN])) as Totals;
}
