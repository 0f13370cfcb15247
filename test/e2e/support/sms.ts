import type { Locator, Page } from 'playwright-core';
import type { SmsRow, SmsSummary } from '../../../src/shared/contract/sms.js';
import { apiQuery } from './api.js';
import { waitFor } from './ui.js';

/** Waits, polling the API, until no message is queued or being sent (a paused queue counts as still queued). */
export async function queueSettled(page: Page, deadlineMs = 30_000): Promise<SmsSummary> {
  const seen = await waitFor(
    async () => {
      const summary = await apiQuery(page, 'sms.summary', {});
      const sending = (await apiQuery(page, 'sms.list', { state: 'sending', pageSize: 1 })).total;
      return { summary, sending };
    },
    (v) => v.summary.queued === 0 && v.sending === 0,
    'the SMS queue to drain',
    deadlineMs,
  );
  return seen.summary;
}

/** Polls the API until the one SMS for an application and event is in `state`. */
export async function smsInState(page: Page, ref: string, event: SmsRow['event'], state: SmsRow['state'], deadlineMs = 20_000): Promise<SmsRow> {
  const rows = await waitFor(
    async () => (await apiQuery(page, 'sms.list', { search: ref, event, pageSize: 5 })).rows,
    (r) => r.length === 1 && r[0]?.state === state,
    `the ${event} SMS for ${ref} to be ${state}`,
    deadlineMs,
  );
  return rows[0]!;
}

export function smsGrid(page: Page): Locator {
  return page.getByRole('table', { name: 'SMS messages' });
}

/** Each row of the SMS grid as its cells' text. */
export function smsGridRows(page: Page): Promise<string[][]> {
  return smsGrid(page)
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

/** Filters the SMS screen to one application's message for an event, waits for its row in `state`, and opens it. */
export async function openSms(page: Page, ref: string, event: string, state: string): Promise<string[]> {
  await page.getByLabel('Search messages').fill(ref);
  await page.getByLabel('Event').selectOption({ label: event });
  const rows = await waitFor(
    () => smsGridRows(page),
    (r) => r.length === 1 && r[0]?.[2] === ref && r[0]?.[5] === state,
    `one ${state} ${event} SMS for ${ref}`,
    25_000,
  );
  await smsGrid(page).locator('tbody tr').first().getByRole('button').click();
  await smsPanel(page).getByRole('heading', { level: 2 }).waitFor();
  return rows[0] ?? [];
}

export function smsPanel(page: Page): Locator {
  return page.getByRole('complementary', { name: 'SMS details' });
}

/** The value shown for a term in the SMS panel (a <dt>/<dd> pair). */
export function smsDetailValue(page: Page, term: string): Locator {
  return smsPanel(page)
    .locator('dt', { hasText: new RegExp(`^${term}$`) })
    .locator('xpath=following-sibling::dd[1]');
}

/** Waits until the panel shows the message in `state` (it refreshes itself while the worker sends). */
export function panelState(page: Page, state: string, deadlineMs = 25_000): Promise<string> {
  return waitFor(
    () =>
      smsDetailValue(page, 'State')
        .innerText()
        .catch(() => ''),
    (t) => t === state,
    `the SMS panel to show ${state}`,
    deadlineMs,
  );
}

/** The attempts table of the open message, as rows of cell text. */
export function attemptRows(page: Page): Promise<string[][]> {
  return smsPanel(page)
    .getByRole('table', { name: 'Attempts' })
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

/** `YYYY-MM-DD` in Nairobi, `days` from today. */
export function nairobiDay(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Nairobi', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** `+254712345678` from the on-screen `0712 345 678`. */
export function gatewayForm(displayed: string): string {
  return '+254' + displayed.replace(/\s/g, '').slice(1);
}
