import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { errorsOf, signIn } from './support/browser.js';
import { demoDesk } from './support/demoDesk.js';
import { statusText, waitFor } from './support/ui.js';

const { setup } = demoDesk(40, 11);

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

describe('browser mode: what a newcomer might misread', () => {
  it('news of what one person did leaves the status line when the screen locks and when they sign out', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'auditor');
    await nav(page).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await waitFor(() => statusText(page), (t) => t.startsWith('Audit trail verified'), 'the verification to be announced');

    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByRole('button', { name: 'Unlock' }).waitFor();
    await waitFor(() => statusText(page), (t) => t === '', 'the status line to empty on the lock screen');

    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await waitFor(() => statusText(page), (t) => t.startsWith('Audit trail verified'), 'the second verification to be announced');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await waitFor(() => statusText(page), (t) => t === '', 'the status line to empty after signing out');
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });
});
