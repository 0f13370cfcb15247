import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAddress } from '../../src/shared/licenceVerifyAddress.js';
import { startCentralServer, type CentralServer } from '../../src/server/start.js';
import { paidApplication } from './support/paid.js';
import { makeDesk } from './support/tempDesk.js';

let server: CentralServer;
let dir: string;
const licences: { valid: string; revoked: string } = { valid: '', revoked: '' };

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

beforeAll(async () => {
  const t = await makeDesk();
  dir = t.dir;
  for (const [which, firstName] of [
    ['valid', 'Wanjirũ'],
    ['revoked', 'Kamau'],
  ] as const) {
    const applicationId = await paidApplication(t.desk, t.actors.officer, {
      firstName,
      lastName: 'Kĩmani',
      nationalId: which === 'valid' ? '31234567' : '31234568',
    });
    const { licenceId } = ok(await t.desk.dispatch('licence.issue', { applicationIds: [applicationId] }, t.actors.officer)).issued[0]!;
    licences[which] = ok(await t.desk.query('licence.detail', { id: licenceId }, t.actors.officer)).qrPayload;
    if (which === 'revoked') ok(await t.desk.dispatch('licence.revoke', { licenceId, reason: 'Registration removed for misconduct' }, t.actors.officer));
  }
  await t.desk.close();
});

async function page(payload: string) {
  const res = await fetch(verifyAddress(server.url, payload));
  return { status: res.status, headers: res.headers, html: await res.text() };
}

const tamper = (payload: string) => payload.replace('31234567', '31234569');

describe('GET /v1/verify/{payload}', () => {
  // The service holds the data folder while it runs: the CLI's tests below take it after.
  beforeAll(async () => {
    server = await startCentralServer({ dataDir: dir, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('says valid, with only what the licence prints, on a page without scripts under a strict content security policy', async () => {
    const r = await page(licences.valid);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    const csp = r.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|script-src/);
    expect(r.html).not.toMatch(/<script|<img|<a |<form/i);
    expect(r.html).toContain('<h1>Valid licence</h1>');
    expect(r.html).toContain(licences.valid.split('|')[1]);
    expect(r.html).toContain('WANJIRŨ KĨMANI');
    expect(r.html).toContain('31234567');
    // Nothing the licence does not print: no phone, no e-mail.
    expect(r.html).not.toMatch(/2547\d{8}|07\d{8}|@/);
  });

  it('says a changed code is not a valid licence, and shows none of what it claims', async () => {
    const r = await page(tamper(licences.valid));
    expect(r.status).toBe(200);
    expect(r.html).toContain('<h1>Not a valid licence</h1>');
    expect(r.html).toContain('changed or forged');
    expect(r.html).not.toContain('31234569');
  });

  it('says a revoked licence is revoked, without the reason (the licence does not print it)', async () => {
    const r = await page(licences.revoked);
    expect(r.status).toBe(200);
    expect(r.html).toContain('<h1>Licence revoked</h1>');
    expect(r.html).toContain(licences.revoked.split('|')[1]);
    expect(r.html).not.toContain('misconduct');
  });

  it('answers 400 for an address that holds no licence code, escaping nothing it was given into the page', async () => {
    const r = await page('<script>alert(1)</script>');
    expect(r.status).toBe(400);
    expect(r.html).toContain('Not a KMLTTB licence code');
    expect(r.html).not.toContain('<script');
  });
});

describe('kmlttb verify-licence', () => {
  const cli = (arg: string) => spawnSync('node', ['bin/kmlttb.js', '--data', dir, 'verify-licence', arg], { encoding: 'utf8' });

  it('takes the full verify address a phone would open, as it takes the bare payload', async () => {
    const valid = cli(verifyAddress('https://licensing.kmlttb.example', licences.valid));
    expect(valid.stdout, valid.stderr).toMatch(/^VALID: Valid licence KMLTTB\/\d{4}\/\d{6} for WANJIRŨ KĨMANI/);
    expect(valid.status).toBe(0);
    const revoked = cli(verifyAddress('https://licensing.kmlttb.example', licences.revoked));
    expect(revoked.stderr).toMatch(/^kmlttb: REVOKED: /);
    expect(revoked.status).toBe(1);
  });
});
