import type { Page } from 'playwright-core';
import type { CommandInput, CommandName, CommandResult, QueryInput, QueryName, QueryResult } from '../../../src/shared/contract/index.js';

/**
 * Calls the desk's HTTP API from inside a signed-in tab, with that tab's session token: for
 * setting up a case and for polling the back end with a deadline, never for what the test proves
 * through the screen.
 */
async function call<T>(page: Page, path: string, input: unknown): Promise<T> {
  const answer = await page.evaluate(
    async ({ path, input }) => {
      const token = sessionStorage.getItem('kmlttb.token') ?? '';
      const res = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
    },
    { path, input },
  );
  if (!answer.ok) throw new Error(`${path} failed: ${answer.error?.code} ${answer.error?.message}`);
  return answer.value as T;
}

export function apiQuery<N extends QueryName>(page: Page, name: N, input: QueryInput<N>): Promise<QueryResult<N>> {
  return call(page, `/api/query/${name}`, input);
}

export function apiCommand<N extends CommandName>(page: Page, name: N, input: CommandInput<N>): Promise<CommandResult<N>> {
  return call(page, `/api/command/${name}`, input);
}
