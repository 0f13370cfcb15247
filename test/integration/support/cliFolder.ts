import fs from 'node:fs';
import { makeDesk, tempDir, type TestDesk } from './tempDesk.js';
import { testClock } from './testClock.js';

/**
 * When a CLI test's data is made. The `kmlttb` processes run on the real clock, always later than
 * this fixed instant (KMLTTB_TEST_NOW may move test desks past today, where a payment made "now"
 * would be in the command's future).
 */
export const CLI_DATA_MADE_AT = '2026-11-25T07:30:00.000Z';

/**
 * A data folder for `kmlttb` tests, made once per file in this process (cheaper than running
 * commands): a desk from makeDesk (a user of each role, password PASSWORD; fees for 2026), filled by
 * `fill`, then closed so that a command may open it.
 */
export async function makeCliFolder<T>(fill: (t: TestDesk) => Promise<T>): Promise<{ dir: string; made: T }> {
  const t = await makeDesk({ clock: testClock(CLI_DATA_MADE_AT) });
  try {
    return { dir: t.dir, made: await fill(t) };
  } finally {
    await t.desk.close();
  }
}

/** A copy of a prepared folder, for one test whose commands write to it. */
export function copyOfFolder(dir: string): string {
  const copy = tempDir();
  fs.cpSync(dir, copy, { recursive: true });
  return copy;
}
