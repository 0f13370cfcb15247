import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDesk, type Desk } from '../../src/main/desk.js';
import { SyncClient } from '../../src/main/sync/client.js';
import { memoryLog } from './support/logFiles.js';
import { makeDesk, seedApplication, tempDir } from './support/tempDesk.js';

const desks: Desk[] = [];
afterEach(async () => {
  for (const d of desks.splice(0)) await d.close();
  vi.restoreAllMocks();
});
const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('a data folder', () => {
  it('is readable by its owner only: the folder, the database and its WAL and shared-memory files', () => {
    const dir = path.join(tempDir(), 'new-desk');
    const desk = openDesk(dir);
    desks.push(desk);
    seedApplication(desk);
    expect(mode(dir)).toBe(0o700);
    for (const file of ['kmlttb.sqlite', 'kmlttb.sqlite-wal', 'kmlttb.sqlite-shm']) expect([file, mode(path.join(dir, file))]).toEqual([file, 0o600]);
  });
});

describe('the sync loop', () => {
  it('takes a locked database as a failed round, never an unhandled rejection that would end the process', async () => {
    const { logger, lines } = memoryLog();
    const t = await makeDesk({ log: logger });
    desks.push(t.desk);
    const locked = vi.spyOn(t.desk, 'syncEnabled').mockImplementation(() => {
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    });
    const client = new SyncClient(t.desk, { intervalMs: 60_000 });
    await expect(client.syncNow()).resolves.toBeUndefined();
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'sync: the round failed', err: expect.objectContaining({ message: 'database is locked' }) }));
    locked.mockRestore();
    await expect(client.syncNow()).resolves.toBeUndefined();
    await client.stop();
  });
});
