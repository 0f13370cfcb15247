import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/shared/errors.js';
import { openDesk } from '../../src/main/desk.js';
import { SmsWorker } from '../../src/main/sms/worker.js';
import { openSecretStore, withEnvironment, type OsSealer } from '../../src/main/settings/secretStore.js';
import { folderKey } from '../support/databaseFile.js';
import { makeDesk, tempDir } from './support/tempDesk.js';

/**
 * The data folder's secrets.json as the desktop app and plain Node share it. The app's sealer is
 * stood in for by one whose ciphertext looks like safeStorage's (a `v10` header, then an IV); the store
 * code around it is the app's own (electron/safeSecrets.ts passes safeStorage in its place).
 */
const appSealer = (options: { canSeal?: boolean; canOpen?: boolean } = {}): OsSealer => ({
  canSeal: () => options.canSeal ?? true,
  seal: (clear) => Buffer.concat([Buffer.from('v10'), randomBytes(16), Buffer.from(clear).reverse()]).toString('base64'),
  open: (sealed) => {
    const bytes = Buffer.from(sealed, 'base64');
    if (options.canOpen === false || bytes.subarray(0, 3).toString() !== 'v10')
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(bytes.subarray(19)).reverse().toString();
  },
});

const fileOf = (dir: string) => path.join(dir, 'secrets.json');
const readJson = (dir: string) =>
  JSON.parse(fs.readFileSync(fileOf(dir), 'utf8')) as { format: number; secrets: Record<string, { protection: string; value: string }> };
const writeJson = (dir: string, value: unknown) => fs.writeFileSync(fileOf(dir), JSON.stringify(value), { mode: 0o644 });
const userError = (work: () => unknown): UserError => {
  try {
    work();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('no error');
};

describe('secrets.json written by plain Node before (clear values at dotted paths)', () => {
  it('is read by plain Node and rewritten in place in the current layout, owner-only, every value kept', () => {
    const dir = tempDir();
    writeJson(dir, { sms: { apiKey: 'atsk_clear' }, licence: { signingKey: 'MC4CAQAwBQYDK2VwBCIEIA' } });
    const store = openSecretStore(dir);
    expect(store.get('sms.apiKey')).toBe('atsk_clear');
    expect(store.get('licence.signingKey')).toBe('MC4CAQAwBQYDK2VwBCIEIA');
    expect(readJson(dir)).toEqual({
      format: 2,
      secrets: { 'sms.apiKey': { protection: 'file', value: 'atsk_clear' }, 'licence.signingKey': { protection: 'file', value: 'MC4CAQAwBQYDK2VwBCIEIA' } },
    });
    expect(fs.statSync(fileOf(dir)).mode & 0o777).toBe(0o600);
  });

  it('is read by the desktop app, which seals each clear value where it is', () => {
    const dir = tempDir();
    writeJson(dir, { sms: { apiKey: 'atsk_clear' }, sync: { token: 'tok-from-the-cli' } });
    const app = openSecretStore(dir, appSealer());
    expect(app.get('sms.apiKey')).toBe('atsk_clear');
    expect(app.get('sync.token')).toBe('tok-from-the-cli');
    const stored = readJson(dir).secrets;
    expect(stored['sms.apiKey']!.protection).toBe('os');
    expect(fs.readFileSync(fileOf(dir), 'utf8')).not.toContain('atsk_clear');
  });
});

describe('secrets.json written by the desktop app before (safeStorage ciphertext at dotted paths)', () => {
  const legacyAppFile = (dir: string) => {
    const seal = appSealer().seal;
    writeJson(dir, { sms: { apiKey: seal('atsk_sealed') }, licence: { signingKey: seal('the-board-key') } });
  };

  it('is read by the app again, values intact', () => {
    const dir = tempDir();
    legacyAppFile(dir);
    const app = openSecretStore(dir, appSealer());
    expect(app.get('licence.signingKey')).toBe('the-board-key');
    expect(readJson(dir).secrets['licence.signingKey']!.protection).toBe('os');
  });

  it('is refused by plain Node with a message naming the environment variable, and given by that variable', () => {
    const dir = tempDir();
    legacyAppFile(dir);
    const before = JSON.parse(fs.readFileSync(fileOf(dir), 'utf8')) as { sms: { apiKey: string }; licence: { signingKey: string } };
    const cli = openSecretStore(dir);
    const err = userError(() => cli.get('sms.apiKey'));
    expect(err.code).toBe('secret_sealed');
    expect(err.message).toMatch(/sealed by the desktop app on this computer: set KMLTTB_SMS_API_KEY in the environment or use the desktop app/);
    expect(cli.has('sms.apiKey')).toBe(true);
    expect(withEnvironment(cli, { KMLTTB_SMS_API_KEY: 'atsk_from_env' }).get('sms.apiKey')).toBe('atsk_from_env');
    // Rewritten in the current layout, each ciphertext as it was: the app still opens what it sealed.
    expect(readJson(dir).secrets).toEqual({
      'sms.apiKey': { protection: 'os', value: before.sms.apiKey },
      'licence.signingKey': { protection: 'os', value: before.licence.signingKey },
    });
    expect(openSecretStore(dir, appSealer()).get('sms.apiKey')).toBe('atsk_sealed');
  });
});

describe('one store for both', () => {
  it("lets plain Node set a secret beside the app's sealed ones, and the app read it", () => {
    const dir = tempDir();
    openSecretStore(dir, appSealer()).set('sync.token', 'app-token');
    const cli = openSecretStore(dir);
    cli.set('sms.apiKey', 'atsk_cli');
    expect(readJson(dir).secrets).toMatchObject({ 'sync.token': { protection: 'os' }, 'sms.apiKey': { protection: 'file', value: 'atsk_cli' } });
    const app = openSecretStore(dir, appSealer());
    expect([app.get('sync.token'), app.get('sms.apiKey')]).toEqual(['app-token', 'atsk_cli']);
    cli.delete('sms.apiKey');
    expect(app.get('sms.apiKey')).toBeNull();
  });

  it('keeps values as plain Node does when the system cannot seal, and says so when a sealed value cannot be opened', () => {
    const dir = tempDir();
    const noKeyring = openSecretStore(dir, appSealer({ canSeal: false }));
    noKeyring.set('sms.apiKey', 'atsk_plain');
    expect(readJson(dir).secrets['sms.apiKey']).toEqual({ protection: 'file', value: 'atsk_plain' });
    openSecretStore(dir, appSealer()).set('sync.token', 'sealed-token');
    const err = userError(() => openSecretStore(dir, appSealer({ canOpen: false })).get('sync.token'));
    expect(err).toMatchObject({ code: 'secret_unreadable', message: expect.stringMatching(/sync\.token .* cannot be opened here.*KMLTTB_SYNC_TOKEN/) });
  });

  it('refuses a file it cannot read, and writes nothing over it', () => {
    const dir = tempDir();
    fs.writeFileSync(fileOf(dir), '{"sms": {"apiKey": "atsk_');
    const broken = userError(() => openSecretStore(dir));
    expect(broken).toMatchObject({ code: 'secret_unreadable', message: expect.stringMatching(/secrets\.json cannot be read: it is not valid JSON/) });
    expect(broken.message).not.toContain('atsk_');
    writeJson(dir, { format: 7, secrets: {} });
    expect(userError(() => openSecretStore(dir, appSealer()))).toMatchObject({ message: expect.stringMatching(/newer version/) });
    expect(readJson(dir)).toEqual({ format: 7, secrets: {} });
  });
});

describe('settings on a desk whose secrets the app sealed, opened by plain Node', () => {
  it('lists the secret as set without opening it, says why SMS cannot be sent from here, and can replace it', async () => {
    const t = await makeDesk();
    await t.desk.close();
    const databaseKey = folderKey(t.dir);
    openSecretStore(t.dir, appSealer()).set('sms.apiKey', 'atsk_sealed');
    // The app sealed the database key too: plain Node is given it through the environment.
    expect(() => openDesk(t.dir)).toThrow(/db\.key .* is sealed by the desktop app on this computer: set KMLTTB_DB_KEY/);
    process.env.KMLTTB_DB_KEY = databaseKey;
    const desk = openDesk(t.dir);
    try {
      const list = await desk.query('settings.list', {}, t.actors.admin);
      expect(list.ok && list.value.find((s) => s.key === 'sms.apiKey')).toMatchObject({ value: '••••••••', secret: true });
      // The SMS gateway counts as set up, and sending says why plain Node cannot (no garbage key sent, no crash).
      expect((await desk.dispatch('setting.set', { key: 'sms.username', value: 'kmlttb' }, t.actors.admin)).ok).toBe(true);
      const summary = await desk.query('sms.summary', {}, t.actors.admin);
      expect(summary.ok && summary.value.gatewayConfigured).toBe(true);
      await expect(new SmsWorker(desk).drain()).rejects.toMatchObject({ code: 'secret_sealed', message: expect.stringMatching(/KMLTTB_SMS_API_KEY/) });
      const set = await desk.dispatch('setting.set', { key: 'sms.apiKey', value: 'atsk_new' }, t.actors.admin);
      expect(set.ok).toBe(true);
      expect(desk.setting('sms.apiKey')).toBe('atsk_new');
    } finally {
      delete process.env.KMLTTB_DB_KEY;
      await desk.close();
    }
  });
});
