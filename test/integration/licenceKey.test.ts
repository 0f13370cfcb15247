import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, makeDesk, type TestDesk } from './support/tempDesk.js';
import { paidApplication } from './support/paid.js';
import { testClock } from './support/testClock.js';

/** The Board's licence signing key: made once, never again behind anyone's back. */

let t: TestDesk;
let secretsFile: string;
let firstPayload: string;
let goodSecrets: string;

// Each test has a desk of its own; all but the first start from one licence signed with the key it made.
beforeEach(async () => {
  t = await makeDesk({ clock: testClock('2026-02-02T07:30:00.000Z') });
  secretsFile = path.join(t.dir, 'secrets.json');
});
afterEach(async () => {
  await t.desk.close();
});

async function issueOne() {
  const id = await paidApplication(t.desk, t.actors.officer);
  return t.desk.dispatch('licence.issue', { applicationIds: [id] }, t.actors.officer);
}

async function payloadOf(licenceId: string): Promise<string> {
  const detail = await t.desk.query('licence.detail', { id: licenceId }, t.actors.officer);
  if (!detail.ok) throw new Error(detail.error.message);
  return detail.value.qrPayload;
}

const verify = async (payload: string) => {
  const r = await t.desk.query('licence.verify', { payload }, t.actors.clerk);
  return r.ok ? r.value.status : r.error.message;
};
const publicKeys = () => t.desk.sqlite.prepare('SELECT public_key FROM licence_keys').pluck().all();
const withEntry = (entry: unknown) => {
  const doc = JSON.parse(goodSecrets) as { secrets: Record<string, unknown> };
  doc.secrets['licence.signingKey'] = entry;
  fs.writeFileSync(secretsFile, JSON.stringify(doc));
};

/** The next signing attempt fails with this message, and nothing is written: no key, no licence. */
async function refusedWith(code: string, message: RegExp): Promise<void> {
  const before = { file: fs.existsSync(secretsFile) ? fs.readFileSync(secretsFile, 'utf8') : null, keys: publicKeys(), licences: count(t.desk, 'licences') };
  const r = await issueOne();
  expect(!r.ok && r.error).toMatchObject({ code, message: expect.stringMatching(message) });
  expect(!r.ok && r.error.message).toMatch(/No new key is made/);
  expect(fs.existsSync(secretsFile) ? fs.readFileSync(secretsFile, 'utf8') : null).toBe(before.file);
  expect(publicKeys()).toEqual(before.keys);
  expect(count(t.desk, 'licences')).toBe(before.licences);
}

/** The desk's first licence, which makes the key: its QR payload and the secrets file holding that key. */
async function firstLicence(): Promise<void> {
  const r = await issueOne();
  if (!r.ok) throw new Error(r.error.message);
  firstPayload = await payloadOf(r.value.issued[0]!.licenceId);
  goodSecrets = fs.readFileSync(secretsFile, 'utf8');
}

describe('the licence signing key', () => {
  it('is made with the first licence, its public half recorded for every desk', async () => {
    expect(publicKeys()).toEqual([]);
    await firstLicence();
    expect(JSON.parse(goodSecrets).secrets['licence.signingKey']).toMatchObject({ protection: 'file' });
    expect(publicKeys()).toHaveLength(1);
    expect(await verify(firstPayload)).toBe('valid');
  });

  it('sealed by the desktop app cannot sign here: the attempt says what to do and makes no new key', async () => {
    await firstLicence();
    withEntry({ protection: 'os', value: Buffer.concat([Buffer.from('v11'), randomBytes(48)]).toString('base64') });
    await refusedWith(
      'signing_key_unreadable',
      /sealed by the desktop app on this computer: set KMLTTB_LICENCE_SIGNING_KEY in the environment or use the desktop app/,
    );
  });

  it('damaged cannot sign: no new key', async () => {
    await firstLicence();
    withEntry({ protection: 'file', value: 'bm90IGEga2V5IGF0IGFsbA==' });
    await refusedWith('signing_key_unreadable', /is damaged: it is not an Ed25519 private key/);
  });

  it("replaced by another key cannot sign: it is not the Board's key", async () => {
    await firstLicence();
    withEntry({ protection: 'file', value: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') });
    await refusedWith('signing_key_unreadable', /is not the Board's key that signed this desk's licences/);
  });

  it('gone, on a desk that has signed licences, is missing: restore it, no new key', async () => {
    await firstLicence();
    fs.rmSync(secretsFile);
    await refusedWith(
      'signing_key_missing',
      /missing from .*secrets\.json.*Restore secrets\.json from a backup of this data folder, or set KMLTTB_LICENCE_SIGNING_KEY/,
    );
  });

  it('back in place, verifies the earlier licence as valid (kmlttb verify-licence too) and signs again with the same key', async () => {
    await firstLicence();
    fs.rmSync(secretsFile);
    expect(await verify(firstPayload)).toBe('valid');
    fs.writeFileSync(secretsFile, goodSecrets, { mode: 0o600 });
    expect(await verify(firstPayload)).toBe('valid');
    const cli = spawnSync('node', ['bin/kmlttb.js', '--data', t.dir, 'verify-licence', firstPayload], { encoding: 'utf8' });
    expect({ code: cli.status, out: cli.stdout }).toMatchObject({ code: 0, out: expect.stringMatching(/^VALID: /) });
    const keys = publicKeys();
    const r = await issueOne();
    if (!r.ok) throw new Error(r.error.message);
    expect(publicKeys()).toEqual(keys);
    expect(await verify(await payloadOf(r.value.issued[0]!.licenceId))).toBe('valid');
  });

  it("with no public key on record (a desk from before they were recorded) is taken only when it verifies the desk's licences", async () => {
    await firstLicence();
    const keys = publicKeys();
    t.desk.sqlite.prepare('DELETE FROM licence_keys').run();
    withEntry({ protection: 'file', value: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') });
    await refusedWith('signing_key_unreadable', /is not the Board's key/);
    fs.writeFileSync(secretsFile, goodSecrets);
    const r = await issueOne();
    expect(r.ok).toBe(true);
    expect(publicKeys()).toEqual(keys);
  });
});
