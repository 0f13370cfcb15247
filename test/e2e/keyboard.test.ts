import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiCommand, apiQuery } from './support/api.js';
import { errorsOf, screenshot, signIn } from './support/browser.js';
import { demoDesk } from './support/demoDesk.js';
import { announced, goTo, rowsOf } from './support/licences.js';
import { waitFor } from './support/ui.js';

// 450 applications leave about 200 submitted, of which well over 100 carry no review flag.
const { setup } = demoDesk(450, 14, { setupTimeoutMs: 300_000 });

const APPROVALS = 100;
/** QUALITY.md: keyboard decision in the queue, confirming key to announcement, browser mode. */
/** QUALITY.md's budget, printed beside the figures: a budget is read off a quiet machine, not asserted by a test that runs beside others. */
const BUDGET = { medianMs: 150, p95Ms: 300 };
/** What the test does assert: far beyond this, the announcement waits for something it should not (it waited for the screen's reload: 955 ms). */
const REGRESSION = 3;

interface Timing {
  keys: number;
  confirmAt: number[];
  news: { text: string; at: number }[];
}

/**
 * From now on the page notes, on its own clock, each key pressed (modifiers alone aside), each
 * Ctrl+Enter, and each text the status region shows: latency is read in the page, not through
 * the test's round trips.
 */
async function startTiming(page: Page): Promise<void> {
  await page.getByRole('status').evaluate((region) => {
    const t: Timing = { keys: 0, confirmAt: [], news: [] };
    (window as unknown as { kmlttbTiming: Timing }).kmlttbTiming = t;
    window.addEventListener(
      'keydown',
      (e) => {
        if (['Control', 'Meta', 'Shift', 'Alt'].includes(e.key)) return;
        t.keys += 1;
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) t.confirmAt.push(performance.now());
      },
      { capture: true },
    );
    new MutationObserver(() => {
      const text = region.textContent ?? '';
      if (text) t.news.push({ text, at: performance.now() });
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
}

function timing(page: Page): Promise<Timing> {
  return page.evaluate(() => (window as unknown as { kmlttbTiming: Timing }).kmlttbTiming);
}

/** Whether the focus is in the Reason field of the open Approve form. */
function reasonHasFocus(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    const label = el?.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null;
    return el?.tagName === 'TEXTAREA' && label === 'Reason' && el.closest('form.decision-approve') !== null;
  });
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

describe('browser mode: the applications queue and the collection desk by keyboard', () => {
  it(`an officer approves ${APPROVALS} applications in a row with two keys each (a, Ctrl+Enter), the latency printed against its budget`, async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'officer');

    // Set-up: a flagged application needs a reason to approve, so those are set aside first.
    const flagged = await apiQuery(page, 'applications.list', { state: 'submitted', flagged: true, pageSize: 500 });
    for (const row of flagged.rows) await apiCommand(page, 'application.return', { applicationId: row.id, reason: 'Set aside for the keyboard test' });
    const waiting = await apiQuery(page, 'applications.list', { state: 'submitted', pageSize: 1 });
    expect(waiting.total, 'unflagged submitted applications in the demo data').toBeGreaterThan(APPROVALS);
    const approvedBefore = (await apiQuery(page, 'applications.list', { state: 'approved', pageSize: 1 })).total;

    await goTo(page, 'Applications');
    const panel = page.getByRole('complementary', { name: 'Application details' });
    await page.getByRole('table', { name: 'Applications' }).locator('tbody tr[aria-current="true"]').waitFor();
    await startTiming(page);

    const refs: string[] = [];
    for (let i = 0; i < APPROVALS; i++) {
      await page.keyboard.press('a');
      const title = await waitFor(
        async () => ((await reasonHasFocus(page)) ? ((await panel.locator('form.decision-approve h3').textContent()) ?? '') : ''),
        (t) => t.startsWith('Approve '),
        `approval ${i + 1}: the focus in Reason`,
      );
      const ref = title.replace(/^Approve /, '');
      expect(refs, `approval ${i + 1} opened an application already approved`).not.toContain(ref);
      refs.push(ref);
      await page.keyboard.press('Control+Enter');
      await announced(page, new RegExp(`${ref} approved`), `approval ${i + 1} (${ref}) announced`);
    }

    const t = await timing(page);
    expect(t.keys, 'keys pressed').toBe(2 * APPROVALS);
    expect(t.confirmAt).toHaveLength(APPROVALS);
    const latencies = refs.map((ref, i) => {
      const pressed = t.confirmAt[i] ?? NaN;
      const news = t.news.find((n) => n.at >= pressed && n.text.includes(`${ref} approved`));
      if (!news) throw new Error(`no announcement seen for ${ref}`);
      return news.at - pressed;
    });
    const sorted = [...latencies].sort((a, b) => a - b);
    const median = quantile(sorted, 0.5);
    const p95 = quantile(sorted, 0.95);
    console.log(
      `keyboard decisions: ${APPROVALS} approvals at 2 keys each; confirming key to announcement median ${median.toFixed(1)} ms (budget ${BUDGET.medianMs}), p95 ${p95.toFixed(1)} ms (budget ${BUDGET.p95Ms}), max ${sorted.at(-1)?.toFixed(1)} ms`,
    );
    const approvedAfter = (await apiQuery(page, 'applications.list', { state: 'approved', pageSize: 1 })).total;
    expect(approvedAfter - approvedBefore).toBe(APPROVALS);
    expect(median).toBeLessThanOrEqual(REGRESSION * BUDGET.medianMs);
    expect(p95).toBeLessThanOrEqual(REGRESSION * BUDGET.p95Ms);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  }, 600_000);

  it('`?` lists every shortcut of the queue in a dialog, and Escape closes it', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'officer');
    await goTo(page, 'Applications');
    await page.getByRole('table', { name: 'Applications' }).locator('tbody tr[aria-current="true"]').waitFor();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    const rows = await rowsOf(dialog.getByRole('table', { name: 'Keyboard shortcuts' }));
    const keys = rows.map((r) => r[0]);
    for (const key of ['↑ or k', '↓ or j', 'Enter', 'a', 'r', 't', 'Ctrl+Enter', 'Esc', '?']) expect(keys, key).toContain(key);
    expect(rows.find((r) => r[0] === 'a')?.[1]).toMatch(/Approve/);
    expect(rows.find((r) => r[0] === 'Ctrl+Enter')?.[1]).toMatch(/Confirm/);
    await screenshot(page, 'applications-shortcuts');
    // The queue's keys wait while the list is open.
    await page.keyboard.press('a');
    expect(await page.getByLabel('Reason').count()).toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.keyboard.press('a');
    await waitFor(
      () => reasonHasFocus(page),
      (focused) => focused,
      'the focus in Reason',
    );
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('a clerk hands a licence over from the keyboard: search focused, Enter on the one result, Holder chosen, Enter confirms', async () => {
    const { url, browser } = setup();
    const officer = await signIn(browser.context, url, 'officer');
    const [licence] = (await apiQuery(officer, 'licences.list', { state: 'at_centre', pageSize: 1 })).rows;
    if (!licence) throw new Error('the demo data has no licence at a centre');
    const centre = (await apiQuery(officer, 'centres.list', {})).find((c) => c.id === licence.centreId);
    if (!centre) throw new Error(`no centre ${licence.centreId}`);
    await officer.close();

    const clerk = await signIn(browser.context, url, `clerk.${centre.code.toLowerCase()}`);
    await goTo(clerk, 'Collection');
    const search = clerk.getByLabel('Search', { exact: true });
    await waitFor(
      () => search.evaluate((el) => el === document.activeElement),
      (focused) => focused,
      'the search field to have the focus',
    );
    await clerk.keyboard.type(licence.licenceNo);
    const results = clerk.getByRole('table', { name: 'Search results' });
    await waitFor(
      () => rowsOf(results),
      (r) => r.length === 1 && (r[0] ?? []).some((cell) => cell === licence.licenceNo),
      'the one licence found',
    );
    await clerk.keyboard.press('Enter');
    const dialog = clerk.getByRole('dialog', { name: `Mark collected: ${licence.licenceNo}` });
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: 'Holder' }).isChecked()).toBe(true);
    await clerk.keyboard.press('Enter');
    await announced(clerk, new RegExp(`Licence ${licence.licenceNo} collected by the holder`), 'the collection');
    await dialog.waitFor({ state: 'detached' });
    await waitFor(
      () => search.evaluate((el) => el === document.activeElement),
      (focused) => focused,
      'the search field to have the focus again',
    );
    expect((await apiQuery(clerk, 'licence.detail', { id: licence.id })).state).toBe('collected');
    expect(errorsOf(clerk)).toEqual([]);
    await clerk.close();
  });
});
