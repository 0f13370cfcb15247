import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackgroundWork } from '../../src/main/background.js';
import { openDesk } from '../../src/main/desk.js';
import { makeDesk, type TestDesk } from './support/tempDesk.js';

const DAY = 24 * 60 * 60 * 1000;
let t: TestDesk;
beforeEach(async () => {
  t = await makeDesk();
});
afterEach(async () => {
  await t.desk.close();
});

/** An export file last written `daysAgo` days before the desk's clock. */
function exportFile(name: string, daysAgo: number): string {
  const dir = path.join(t.dir, 'exports');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, 'id,name\n');
  const at = new Date(t.clock().getTime() - daysAgo * DAY);
  fs.utimesSync(file, at, at);
  return file;
}
const left = () => fs.readdirSync(path.join(t.dir, 'exports')).sort();

describe('report exports on this computer', () => {
  it('are removed when the desk opens once older than 7 days by default; younger ones stay', async () => {
    exportFile('old.csv', 7.5);
    exportFile('week.xlsx', 6.9);
    exportFile('today.pdf', 0);
    await t.desk.close();
    t.desk = openDesk(t.dir, { clock: t.clock });
    expect(left()).toEqual(['today.pdf', 'week.xlsx']);
  });

  it('are removed by the daily sweep of the background work, after the number of days the admin set', async () => {
    const saved = await t.desk.dispatch('settings.save', { values: [{ key: 'exports.keepDays', value: '2' }] }, t.actors.admin);
    expect(saved.ok).toBe(true);
    exportFile('three-days.csv', 3);
    exportFile('yesterday.csv', 1);
    const background = new BackgroundWork(t.desk, { sendSms: false, exportSweepMs: 10 });
    background.start();
    try {
      await expect.poll(left, { timeout: 5_000, interval: 10 }).toEqual(['yesterday.csv']);
      // A day later by the desk's clock, the next sweep takes yesterday's too.
      t.clock.advance(1.5 * DAY);
      await expect.poll(left, { timeout: 5_000, interval: 10 }).toEqual([]);
    } finally {
      await background.stop();
    }
  });

  it('the export screen is told how long they are kept, and the setting refuses nonsense', async () => {
    expect(await t.desk.query('exports.policy', {}, t.actors.clerk)).toEqual({ ok: true, value: { keepDays: 7 } });
    const refused = await t.desk.dispatch('settings.save', { values: [{ key: 'exports.keepDays', value: '0' }] }, t.actors.admin);
    expect(refused.ok).toBe(false);
    expect((await t.desk.dispatch('settings.save', { values: [{ key: 'exports.keepDays', value: '30' }] }, t.actors.admin)).ok).toBe(true);
    expect(await t.desk.query('exports.policy', {}, t.actors.auditor)).toEqual({ ok: true, value: { keepDays: 30 } });
  });
});
