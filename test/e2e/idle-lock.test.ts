import { describe, expect, it } from 'vitest';
import { errorsOf, signIn } from './support/browser.js';
import { demoDesk } from './support/demoDesk.js';
import { applicationsGrid, gridRefs, waitFor } from './support/ui.js';

const { setup } = demoDesk(20, 3);

describe('browser mode: keyboard and idle lock', () => {
  it('the queue is worked from the keyboard, and an idle screen locks until the password is given', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'officer', { fakeClock: true });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Applications', exact: true }).click(); // Sign-in lands on the Dashboard.
    const refs = await waitFor(
      () => gridRefs(page),
      (r) => r.length >= 3,
      'the queue',
    );

    // ArrowDown twice, k once, then Enter: the second application opens.
    await page.getByRole('heading', { name: 'Applications', level: 1 }).click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    const panel = page.getByRole('complementary', { name: 'Application details' });
    await panel.getByRole('heading', { level: 2, name: new RegExp(`^${refs[1]} `) }).waitFor();
    expect(await applicationsGrid(page).locator('tr[aria-current="true"] button').innerText()).toBe(refs[1]);

    // t starts Return with the Reason field focused; Escape cancels it.
    await page.keyboard.press('t');
    await page.getByLabel('Reason').waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.press('Escape');
    await waitFor(
      () => page.getByLabel('Reason').count(),
      (n) => n === 0,
      'the decision to close',
    );

    // Idle past the lock time (10 minutes by default): the lock screen hides the data.
    await page.clock.fastForward('11:00');
    await page.getByRole('button', { name: 'Unlock' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    expect(await applicationsGrid(page).isVisible()).toBe(false);

    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await applicationsGrid(page).waitFor();
    expect(await panel.getByRole('heading', { level: 2 }).innerText()).toContain(refs[1]);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });
});
