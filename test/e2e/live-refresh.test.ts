import { describe, expect, it } from 'vitest';
import type { CommandInput, CommandName } from '../../src/shared/contract/index.js';
import { apiQuery } from './support/api.js';
import { signIn } from './support/browser.js';
import { demoDesk } from './support/demoDesk.js';
import { applicationsGrid, gridRefs, waitFor } from './support/ui.js';

const demo = demoDesk(30, 13);

/** Another person at the desk: a session of their own over the desk's API, not this browser. */
async function elsewhere(url: string, username: string) {
  const post = async (route: string, body: unknown, token?: string) => {
    const res = await fetch(url + route, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!answer.ok) throw new Error(`${route}: ${answer.error?.message}`);
    return answer.value;
  };
  const { token } = (await post('/api/session/login', { username, password: 'demo-password' })) as { token: string };
  return { command: <N extends CommandName>(name: N, input: CommandInput<N>) => post(`/api/command/${name}`, input, token) };
}

describe('browser mode: an open screen shows changes made elsewhere, without a click', () => {
  it("an officer's open queue drops the application another officer approved, and the header counts its SMS", async () => {
    const { url, browser } = demo.setup();
    const page = await signIn(browser.context, url, 'officer');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Applications', exact: true }).click();
    const [ref] = (await waitFor(
      () => gridRefs(page),
      (refs) => refs.length >= 2,
      'the queue to fill',
    )) as [string];
    const sms = page.getByRole('group', { name: 'Pending SMS' });
    const queued = () => sms.innerText().then((t) => Number(/SMS: (\d+) queued/.exec(t)?.[1] ?? NaN));
    const queuedBefore = await waitFor(queued, (n) => Number.isInteger(n), 'the SMS count in the header');
    const { rows } = await apiQuery(page, 'applications.list', { search: ref, page: 0, pageSize: 5 });
    const id = rows.find((r) => r.applicationRef === ref)!.id;

    const other = await elsewhere(url, 'officer');
    await other.command('application.approve', { applicationId: id });

    // No click, no reload: the desk's event refreshes what the approval changed on this page.
    await waitFor(
      () => gridRefs(page),
      (refs) => refs.length > 0 && !refs.includes(ref),
      `${ref} to leave the open queue`,
      10_000,
    );
    expect(await waitFor(queued, (n) => n === queuedBefore + 1, 'the header to count the approval SMS', 10_000)).toBe(queuedBefore + 1);
    expect(await applicationsGrid(page).getByRole('button', { name: ref }).count()).toBe(0);
  });
});
