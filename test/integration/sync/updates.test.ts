import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/main/core/actor.js';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/db/migrate.js';
import type { Desk } from '../../../src/main/desk.js';
import { SyncClient } from '../../../src/main/sync/client.js';
import { updateOfferFrom } from '../../../src/main/sync/updateOffer.js';
import { DESK_OUTDATED_CODE, SYNC_PROTOCOL_VERSION } from '../../../src/shared/contract/syncWire.js';
import { startCentralServer } from '../../../src/server/start.js';
import { makeDesk, tempDir } from '../support/tempDesk.js';
import { joinedDesk, postSync, seedApplication, startTestServer, type TestServer } from './support.js';

const INSTALLER = 'KMLTTB Licensing Desk-0.2.0.AppImage';
const INSTALLER_BYTES = Buffer.from('not really an AppImage, but the bytes must arrive unchanged\n');

let s: TestServer;
let releases: string;
const desks: Desk[] = [];

beforeAll(async () => {
  releases = tempDir('kmlttb-releases-');
  fs.writeFileSync(path.join(releases, INSTALLER), INSTALLER_BYTES);
  fs.writeFileSync(
    path.join(releases, 'latest-linux.yml'),
    `version: 0.2.0\nfiles:\n  - url: ${INSTALLER}\n    sha512: abc\n    size: ${INSTALLER_BYTES.length}\npath: ${INSTALLER}\nsha512: abc\nreleaseDate: '2026-12-01T08:00:00.000Z'\n`,
  );
  fs.mkdirSync(path.join(releases, 'old'));
  fs.writeFileSync(path.join(releases, 'old', 'latest.yml'), 'version: 0.1.0\n');
  fs.writeFileSync(path.join(releases, '.hidden'), 'not for desks');
  // Beside the folder, not in it: what a path that climbs out would reach.
  fs.writeFileSync(path.join(releases, '..', 'outside.txt'), 'outside the updates folder');
  s = await startTestServer(async (t) => {
    for (let i = 0; i < 40; i++) seedApplication(t.desk, { ref: `ECZ-UPD-${i}`, nationalId: `2920000${String(i).padStart(2, '0')}` });
    const r = await t.desk.dispatch('setting.set', { key: 'server.updatesFolder', value: releases }, SYSTEM_ACTOR);
    if (!r.ok) throw new Error(r.error.message);
  });
});
afterAll(async () => {
  for (const d of desks) await d.close();
  await s?.server.close();
});

describe('the updates feed on the central service', () => {
  it('serves the files of server.updatesFolder at /updates/, read-only, with no listing and nothing outside the folder', async () => {
    const info = await fetch(`${s.server.url}/updates/latest-linux.yml`);
    expect(info.status).toBe(200);
    expect(await info.text()).toContain('version: 0.2.0');
    const installer = await fetch(`${s.server.url}/updates/${encodeURIComponent(INSTALLER)}`);
    expect(installer.status).toBe(200);
    expect(Buffer.from(await installer.arrayBuffer())).toEqual(INSTALLER_BYTES);
    expect((await fetch(`${s.server.url}/updates/old/latest.yml`)).status).toBe(200);

    for (const refused of ['/updates/', '/updates', '/updates/old/', '/updates/.hidden', '/updates/%2e%2e/outside.txt', '/updates/..%2foutside.txt']) {
      const res = await fetch(`${s.server.url}${refused}`);
      expect(res.status, refused).toBeGreaterThanOrEqual(400);
      expect(await res.text(), refused).not.toMatch(/outside the updates folder|not for desks|latest-linux/);
    }
    const put = await fetch(`${s.server.url}/updates/latest-linux.yml`, { method: 'PUT', body: 'version: 9.9.9' });
    expect(put.status).toBe(404);
    expect(fs.readFileSync(path.join(releases, 'latest-linux.yml'), 'utf8')).toContain('version: 0.2.0');
  });

  it('a service without server.updatesFolder offers nothing at /updates/', async () => {
    const t = await makeDesk();
    await t.desk.close();
    const plain = await startCentralServer({ dataDir: t.dir, port: 0, sendSms: false });
    try {
      expect((await fetch(`${plain.url}/updates/latest-linux.yml`)).status).toBe(404);
      const offer = await updateOfferFrom(plain.url, 'linux');
      expect(offer).toEqual({ message: expect.stringMatching(/offers no update for it yet: ask the Board's IT/), downloadUrl: null });
    } finally {
      await plain.close();
    }
  });

  it('a service whose updates folder does not exist refuses to start, naming the setting', async () => {
    const t = await makeDesk();
    const r = await t.desk.dispatch('setting.set', { key: 'server.updatesFolder', value: path.join(t.dir, 'no-such-folder') }, SYSTEM_ACTOR);
    expect(r.ok).toBe(true);
    await t.desk.close();
    await expect(startCentralServer({ dataDir: t.dir, port: 0, sendSms: false })).rejects.toThrow(/server\.updatesFolder '.*no-such-folder' is not a folder/);
  });
});

describe('a desk the service refuses as too old', () => {
  it('is refused with 409 desk_outdated, and its sync status offers the update from the service, which downloads', async () => {
    const d = await joinedDesk(s);
    desks.push(d);
    const token = d.secrets.get('sync.token')!;
    const old = await postSync(`${s.server.url}/v1/sync/pull`, { schemaVersion: LATEST_SCHEMA_VERSION - 1, cursor: 0 }, token);
    expect(old).toMatchObject({ status: 409, body: { code: DESK_OUTDATED_CODE } });
    const newer = await postSync(`${s.server.url}/v1/sync/pull`, { schemaVersion: LATEST_SCHEMA_VERSION + 1, cursor: 0 }, token);
    expect(newer.status).toBe(409);
    expect(newer.body.code).toBeUndefined();

    const status = async () => {
      const r = await d.query('sync.status', {}, SYSTEM_ACTOR);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const client = new SyncClient(d, { intervalMs: 3_600_000 });
    const last = d.sqlite.prepare('SELECT * FROM schema_migrations ORDER BY version DESC LIMIT 1').get() as {
      version: number;
      name: string;
      applied_at: string;
    };
    d.sqlite.prepare('DELETE FROM schema_migrations WHERE version = ?').run(last.version);
    try {
      await client.syncNow();
      const offered = (await status()).update;
      expect(offered?.message).toMatch(/an update is available from the central service \(version 0\.2\.0\)/);
      if (process.platform === 'linux') {
        expect(offered?.downloadUrl).toBe(`${s.server.url}/updates/${encodeURIComponent(INSTALLER)}`);
        const download = await fetch(offered!.downloadUrl!);
        expect(Buffer.from(await download.arrayBuffer())).toEqual(INSTALLER_BYTES);
      }
    } finally {
      d.sqlite.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(last.version, last.name, last.applied_at);
    }
    // Updated (here: its schema back): the next round gets through and the offer is gone.
    await client.syncNow();
    await client.stop();
    expect((await status()).update).toBeNull();
  });
});

describe('sync pulls over a slow line', () => {
  it('a pull answers gzip to a desk that accepts it (brotli too), and plain to one that does not; a push is not compressed', async () => {
    const d = await joinedDesk(s);
    desks.push(d);
    const token = d.secrets.get('sync.token')!;
    const pull = (encoding: string) =>
      fetch(`${s.server.url}/v1/sync/pull`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'accept-encoding': encoding },
        body: JSON.stringify({ protocol: SYNC_PROTOCOL_VERSION, schemaVersion: LATEST_SCHEMA_VERSION, cursor: 0 }),
      });
    const gzipped = await pull('gzip');
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    // An HTTPS desk's fetch offers brotli first: gzip is answered all the same (brotli costs four times as long).
    expect((await pull('br, gzip, deflate')).headers.get('content-encoding')).toBe('gzip');
    const plain = await pull('identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    // fetch undoes the gzip: both answers carry the same changes.
    const [a, b] = [(await gzipped.json()) as { count: number; tables: unknown }, (await plain.json()) as { count: number; tables: unknown }];
    expect(a.count).toBeGreaterThan(40);
    expect(a.tables).toEqual(b.tables);

    const push = await fetch(`${s.server.url}/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
      body: JSON.stringify({ protocol: SYNC_PROTOCOL_VERSION, schemaVersion: LATEST_SCHEMA_VERSION, ops: [] }),
    });
    expect(push.status).toBe(200);
    expect(push.headers.get('content-encoding')).toBeNull();
  });
});
