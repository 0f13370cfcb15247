import type { Locator, Page } from 'playwright-core';
import { vi } from 'vitest';

/** Polls `read` (vitest's vi.waitFor) until `accept` holds or the deadline passes; returns the value that passed. */
export async function waitFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, deadlineMs = 15_000): Promise<T> {
  let last: T | undefined;
  try {
    return await vi.waitFor(
      async () => {
        last = await read();
        if (!accept(last)) throw new Error(`not yet: ${what}`);
        return last;
      },
      { timeout: deadlineMs, interval: 100 },
    );
  } catch (err) {
    throw new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(last)} (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
}

export function applicationsGrid(page: Page): Locator {
  return page.getByRole('table', { name: 'Applications' });
}

/** The references in the grid's rows, once the grid shows rows. */
export async function gridRefs(page: Page): Promise<string[]> {
  return applicationsGrid(page).locator('tbody tr td:first-child button').allInnerTexts();
}

/** Types into the search box and waits until the grid shows exactly that application. */
export async function searchFor(page: Page, ref: string): Promise<void> {
  await page.getByLabel('Search applications').fill(ref);
  await waitFor(
    () => gridRefs(page),
    (refs) => refs.length === 1 && refs[0] === ref,
    `the grid to show only ${ref}`,
  );
}

/** The value shown for a term in the detail panel (a <dt>/<dd> pair). */
export function detailValue(page: Page, term: string): Locator {
  return page
    .getByRole('complementary', { name: 'Application details' })
    .locator('dt', { hasText: new RegExp(`^${term}$`) })
    .locator('xpath=following-sibling::dd[1]');
}

export async function statusText(page: Page): Promise<string> {
  return (await page.getByRole('status').textContent()) ?? '';
}

/**
 * From now on, every text the status region shows, in order: for news that a quicker one may
 * replace before a poll reads it (a screen reader has read it all the same).
 */
export async function recordStatus(page: Page): Promise<() => Promise<string[]>> {
  await page.getByRole('status').evaluate((region) => {
    const seen: string[] = [];
    (window as unknown as { kmlttbStatusSeen: string[] }).kmlttbStatusSeen = seen;
    new MutationObserver(() => {
      const text = region.textContent ?? '';
      if (text && text !== seen.at(-1)) seen.push(text);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
  return () => page.evaluate(() => [...(window as unknown as { kmlttbStatusSeen: string[] }).kmlttbStatusSeen]);
}

const CONTROL = /^\s*- (button|link|textbox|searchbox|combobox|listbox|checkbox|radio|spinbutton|slider|switch|tab|menuitem)\b(.*)$/;

/** Controls on the page without an accessible name, read from the accessibility tree. */
export async function unnamedControls(page: Page): Promise<string[]> {
  const tree = await page.locator('body').ariaSnapshot();
  return tree.split('\n').filter((line) => {
    const m = CONTROL.exec(line);
    return m !== null && !(m[2] ?? '').startsWith(' "');
  });
}
