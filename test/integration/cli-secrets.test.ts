import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor.js';
import { openDesk, type Desk } from '../../src/main/desk.js';
import { SECRETS_FILE } from '../../src/main/settings/secretStore.js';
import { SECRET_ENV } from '../../src/main/settings/secretNames.js';
import { testClock } from './support/testClock.js';
import { tempDir } from './support/tempDesk.js';

/** A secret's value is never shown: not by the settings query the screens use, not by `kmlttb config get`. */
const API_KEY = 'atsk_never_printed_7d41c09e';
const MASK = '••••••••';

/** A desk opened on a data folder that does not exist yet, so the desk makes it. */
function newDataFolder(): { dir: string; desk: Desk } {
  const dir = path.join(tempDir(), 'kmlttb data');
  return { dir, desk: openDesk(dir, { clock: testClock() }) };
}

async function setApiKey(desk: Desk) {
  const r = await desk.dispatch('setting.set', { key: 'sms.apiKey', value: API_KEY }, SYSTEM_ACTOR);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

/** `kmlttb --data DIR config get KEY`, with no secret given through the environment. */
function configGet(dir: string, key: string) {
  const env = { ...process.env };
  for (const name of Object.values(SECRET_ENV)) delete env[name];
  const r = spawnSync(process.execPath, ['bin/kmlttb.js', '--data', dir, 'config', 'get', key], { encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('a secret setting', () => {
  it('is kept in an owner-only secrets.json, in a data folder only its owner can open, and the settings query shows it masked', async () => {
    const { dir, desk } = newDataFolder();
    try {
      const file = path.join(dir, SECRETS_FILE);
      // The folder is made owner-only, and the file that holds the database key with it.
      expect(modeOf(dir)).toBe(0o700);
      expect(modeOf(file)).toBe(0o600);

      expect(await setApiKey(desk)).toMatchObject({ key: 'sms.apiKey', value: MASK, secret: true });
      expect(desk.setting('sms.apiKey')).toBe(API_KEY);
      // Rewritten with the key in it, still owner-only.
      expect(fs.readFileSync(file, 'utf8')).toContain(API_KEY);
      expect(modeOf(file)).toBe(0o600);
      expect(modeOf(dir)).toBe(0o700);

      const list = await desk.query('settings.list', {}, SYSTEM_ACTOR);
      if (!list.ok) throw new Error(list.error.message);
      expect(list.value.find((s) => s.key === 'sms.apiKey')).toMatchObject({ value: MASK, secret: true });
      expect(JSON.stringify(list.value)).not.toContain(API_KEY);
    } finally {
      await desk.close();
    }
  });

  it('is printed by kmlttb config get as "(set, hidden)" when set and as nothing when not, never its value', async () => {
    const { dir, desk } = newDataFolder();
    await setApiKey(desk);
    await desk.close();

    const set = configGet(dir, 'sms.apiKey');
    expect(set).toEqual({ code: 0, out: '(set, hidden)\n', err: '' });
    const unset = configGet(dir, 'server.ecitizenSecret');
    expect(unset).toEqual({ code: 0, out: '\n', err: '' });
  });
});
