import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/shared/duration.js';
import { apiCommand, apiQuery } from './support/api.js';
import { errorsOf, signIn } from './support/browser.js';
import { demoDesk } from './support/demoDesk.js';
import { applicationsGrid, gridRefs, statusText, waitFor } from './support/ui.js';

const { setup } = demoDesk(40, 11);

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/** The text a control is described by (its hint and its error), as assistive technology reads it. */
async function describedText(control: Locator): Promise<string> {
  return control.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

describe('browser mode: what a newcomer might misread', () => {
  it('news of what one person did leaves the status line when the screen locks and when they sign out', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'auditor');
    await nav(page).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await waitFor(
      () => statusText(page),
      (t) => t.startsWith('Audit trail verified'),
      'the verification to be announced',
    );

    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByRole('button', { name: 'Unlock' }).waitFor();
    await waitFor(
      () => statusText(page),
      (t) => t === '',
      'the status line to empty on the lock screen',
    );

    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await waitFor(
      () => statusText(page),
      (t) => t.startsWith('Audit trail verified'),
      'the second verification to be announced',
    );

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await waitFor(
      () => statusText(page),
      (t) => t === '',
      'the status line to empty after signing out',
    );
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('adding a user: each field says in words what is wrong with it, and its message goes as soon as that field is edited', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'admin');
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Add a user' });
    const username = form.getByLabel('Username', { exact: true });
    const fullName = form.getByLabel('Full name', { exact: true });
    await username.fill('X');
    await fullName.fill('A');
    await form.getByLabel('Password', { exact: true }).fill('a long enough password');
    await form.getByRole('button', { name: 'Add user' }).click();

    await waitFor(
      () => describedText(fullName),
      (t) => t.includes('Full name needs at least 2 characters'),
      'the full name to say what is wrong',
    );
    expect(await fullName.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(username)).toContain('A username is 2 to 40 letters');
    expect(await form.innerText()).not.toMatch(/Too small|expected string|fullName/);

    // Editing the full name takes its message away; the username's stays until it is edited too.
    await fullName.fill('Achieng Otieno');
    expect(await describedText(fullName)).toBe('');
    expect(await fullName.getAttribute('aria-invalid')).toBeNull();
    expect(await describedText(username)).toContain('A username is 2 to 40 letters');
    await username.fill('achieng.otieno');
    expect(await describedText(username)).toBe('');

    await form.getByRole('button', { name: 'Add user' }).click();
    await waitFor(
      () => statusText(page),
      (t) => t.includes('User achieng.otieno added.'),
      'the user to be added',
    );
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it("changing a user's role waits for Confirm: Cancel changes nothing, Confirm saves it", async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'admin');
    // An officer of this test's own: the test of adding a user may run before or after it.
    await apiCommand(page, 'user.create', { username: 'wanjiku.kamau', fullName: 'Wanjiku Kamau', role: 'officer', password: 'a-long-enough-password' });
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    const roleOf = async (name: string) => (await apiQuery(page, 'users.list', {})).find((u) => u.username === name)?.role;
    expect(await roleOf('wanjiku.kamau')).toBe('officer');
    const select = page.getByLabel('Role of wanjiku.kamau');
    const confirm = page.getByRole('group', { name: 'Change the role of wanjiku.kamau?' });

    await select.selectOption({ label: 'Auditor' });
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('Wanjiku Kamau goes from Approval officer to Auditor');
    expect(await roleOf('wanjiku.kamau')).toBe('officer');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await confirm.count()).toBe(0);
    expect(await select.inputValue()).toBe('officer');
    expect(await roleOf('wanjiku.kamau')).toBe('officer');

    await select.selectOption({ label: 'Auditor' });
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await waitFor(
      () => statusText(page),
      (t) => t.includes('wanjiku.kamau is now Auditor.'),
      'the role change to be announced',
    );
    expect(await roleOf('wanjiku.kamau')).toBe('auditor');
    expect(await select.inputValue()).toBe('auditor');
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('with the detail panel open the queue stays readable: it leaves out columns the panel shows, never the state or flags', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'officer');
    await nav(page).getByRole('link', { name: 'Applications', exact: true }).click();
    const grid = applicationsGrid(page);
    const panel = page.getByRole('complementary', { name: 'Application details' });
    const [ref] = (await waitFor(
      () => gridRefs(page),
      (r) => r.length > 0,
      'the queue',
    )) as [string];
    /** The grid's visible column headers, and how far it overflows its frame sideways. */
    const layout = () =>
      grid.evaluate((table) => {
        const frame = table.parentElement!.getBoundingClientRect();
        const headers = [...table.querySelectorAll('th')].filter((th) => th.getClientRects().length > 0);
        return {
          overflow: table.parentElement!.scrollWidth - table.parentElement!.clientWidth,
          headers: headers.map((th) => th.textContent?.replace(/[▲▼↕]/g, '').trim() ?? ''),
          clipped: headers.filter((th) => th.getBoundingClientRect().right > frame.right + 1).map((th) => th.textContent ?? ''),
        };
      });

    for (const width of [1440, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await grid.getByRole('button', { name: ref }).click();
      await panel.getByRole('heading', { level: 2, name: new RegExp(`^${ref} `) }).waitFor();
      const open = await layout();
      expect(open.overflow, `sideways overflow at ${width}px`).toBeLessThanOrEqual(1);
      expect(open.clipped, `clipped headers at ${width}px`).toEqual([]);
      expect(open.headers).toEqual(expect.arrayContaining(['Reference', 'Submitted', 'Name', 'State', 'Flags']));
      expect(open.headers).not.toContain('National ID');
      expect(await grid.locator('tr[aria-current="true"] td').filter({ hasText: 'Submitted' }).last().innerText()).toBe('Submitted');

      // Closed, the grid has room for every column again.
      await panel.getByRole('button', { name: 'Close details' }).click();
      await waitFor(layout, (l) => l.headers.includes('National ID') && l.headers.includes('CPD'), `every column at ${width}px without the panel`);
    }
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it("the dashboard gives each officer's turnaround as a time people read, in days or hours", async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'auditor');
    const summary = await apiQuery(page, 'dashboard.summary', {});
    const officers = summary.turnaround ?? [];
    expect(officers.length).toBeGreaterThan(0);
    const table = page.getByRole('table', { name: 'Turnaround per officer' });
    await table.waitFor();
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['Officer', 'Decided', 'Median time to decision']);
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows.map((r) => [r[0], r[2]])).toEqual(officers.map((o) => [o.officer, formatDuration(o.medianHours)]));
    for (const [, , median = ''] of rows) expect(median).toMatch(/^[\d,]+(\.\d)? (minutes?|hours?|days?)$/);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });
});
