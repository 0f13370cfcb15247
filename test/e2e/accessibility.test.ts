import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openFolderDatabase } from '../support/databaseFile.js';
import { apiQuery } from './support/api.js';
import { errorsOf, screenshot, signIn } from './support/browser.js';
import { demoDesk } from './support/demoDesk.js';
import { waitFor } from './support/ui.js';

const { dataDir, setup } = demoDesk(60, 14);

/** The demo's clerk of the first centre (`clerk.<centre code>`). */
function aClerk(): string {
  const db = openFolderDatabase(dataDir, { readonly: true });
  try {
    const row = db.prepare(`SELECT username FROM users WHERE role = 'clerk' ORDER BY username LIMIT 1`).get() as { username: string };
    return row.username;
  } finally {
    db.close();
  }
}

/** Waits until nothing on the screen says it is still loading. */
async function settled(page: Page): Promise<void> {
  await waitFor(
    () =>
      page.evaluate(() => document.querySelectorAll('[aria-busy="true"]').length + (/Loading/.test(document.querySelector('main')?.textContent ?? '') ? 1 : 0)),
    (busy) => busy === 0,
    'the screen to finish loading',
  );
}

/** The serious and critical axe violations on the page as it is now, one line each. */
async function violations(page: Page, where: string): Promise<string[]> {
  await settled(page);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${where}: ${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? v.help}`));
}

/** Every screen in the main navigation, the Settings sections and the Payments tabs, scanned in turn. */
async function scanEveryScreen(page: Page, who: string): Promise<{ screens: string[]; found: string[] }> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const links = await nav.getByRole('link').allInnerTexts();
  const screens: string[] = [];
  const found: string[] = [];
  for (const name of links) {
    await nav.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    screens.push(name);
    found.push(...(await violations(page, `${who} · ${name}`)));
    await screenshot(page, `a11y-${who}-${name.toLowerCase()}`);
    if (name === 'Settings') {
      const sections = page.getByRole('list', { name: 'Settings sections' });
      for (const section of (await sections.getByRole('link').allInnerTexts()).slice(1)) {
        await sections.getByRole('link', { name: section, exact: true }).click();
        await waitFor(
          () => sections.getByRole('link', { name: section, exact: true }).getAttribute('aria-current'),
          (current) => current === 'page',
          `the ${section} section to open`,
        );
        screens.push(`Settings · ${section}`);
        found.push(...(await violations(page, `${who} · Settings · ${section}`)));
      }
    }
    if (name === 'Payments') {
      const tabs = page.getByRole('tablist', { name: 'Payments' });
      for (const tab of (await tabs.getByRole('tab').allInnerTexts()).slice(1)) {
        await tabs.getByRole('tab', { name: tab, exact: true }).click();
        await waitFor(
          () => tabs.getByRole('tab', { name: tab, exact: true }).getAttribute('aria-selected'),
          (selected) => selected === 'true',
          `the ${tab} tab to open`,
        );
        screens.push(`Payments · ${tab}`);
        found.push(...(await violations(page, `${who} · Payments · ${tab}`)));
      }
    }
  }
  return { screens, found };
}

describe('accessibility: an axe scan of every screen for every role', () => {
  for (const who of ['officer', 'auditor', 'admin', 'clerk'] as const) {
    it(`no screen the demo ${who} can reach has a serious or critical axe violation`, async () => {
      const { url, browser } = setup();
      const username = who === 'clerk' ? aClerk() : who;
      const page = await signIn(browser.context, url, username);
      const { screens, found } = await scanEveryScreen(page, username);
      expect(screens.length, `${username} reaches screens`).toBeGreaterThan(1);
      expect(screens[0]).toBe('Dashboard');
      expect(found).toEqual([]);
      expect(errorsOf(page)).toEqual([]);
      await page.close();
    }, 600_000);
  }
});

describe('the dashboard trends', () => {
  it('are charts named and described for screen readers, each with its numbers as a table', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'auditor');
    const trends = await apiQuery(page, 'dashboard.trends', {});
    const section = page.getByRole('region', { name: 'Trends, last 12 weeks' });
    const charts: [string, string[][]][] = [
      ['Decisions per week', trends.weeks.map((w) => [w.weekOf, String(w.decisions)])],
      ['Payments matched per week', trends.weeks.map((w) => [w.weekOf, String(w.paymentsMatched)])],
      ['Licences collected per week', trends.weeks.map((w) => [w.weekOf, String(w.licencesCollected)])],
    ];
    expect(trends.weeks).toHaveLength(12);
    expect(trends.officers.length).toBeGreaterThan(0);
    for (const [title, rows] of charts) {
      const chart = section.getByRole('img', { name: title });
      await chart.waitFor();
      expect(await chart.getAttribute('aria-describedby')).toBeTruthy();
      const figure = section.getByRole('figure', { name: title });
      await figure.getByText('Show as table').click();
      const table = figure.getByRole('table', { name: title });
      await table.waitFor();
      const shown = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
      // The table writes each week's Monday as dd/mm/yyyy.
      expect(shown).toEqual(rows.map(([week, n]) => [week!.split('-').reverse().join('/'), n]));
    }
    const medians = section.getByRole('figure', { name: 'Median time to decision per officer' });
    await medians.getByRole('img', { name: 'Median time to decision per officer' }).waitFor();
    await medians.getByText('Show as table').click();
    const officers = await medians.getByRole('table').locator('tbody tr td:first-child').allInnerTexts();
    expect(officers).toEqual(trends.officers.map((o) => o.officer));
    await screenshot(page, 'dashboard-trends');
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  }, 120_000);
});
