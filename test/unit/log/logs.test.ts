import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { LOG_OPTIONS, pruneLogs } from '../../../src/main/log/logger.js';
import { isFatal } from '../../../src/main/log/processFaults.js';

describe('log files', () => {
  it('keeps only the newest log files of the folder, and nothing else in it is touched', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kmlttb-logs-'));
    const base = 1_700_000_000;
    for (let i = 0; i < 20; i++) {
      const file = path.join(dir, `kmlttb.day${String(i).padStart(2, '0')}.1.log`);
      fs.writeFileSync(file, '{}\n');
      fs.utimesSync(file, base + i * 86_400, base + i * 86_400);
    }
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'kept');
    pruneLogs(dir, 13);
    const left = fs.readdirSync(dir).sort();
    expect(left).toHaveLength(14);
    expect(left).toContain('notes.txt');
    expect(left.filter((f) => f.endsWith('.log'))[0]).toBe('kmlttb.day07.1.log');
  });

  it("redacts credentials, bodies and people's details at the top of a line and one level down, keeping the stack of an error", () => {
    const lines: string[] = [];
    const log = pino(LOG_OPTIONS, { write: (l: string) => void lines.push(l) });
    const err = Object.assign(new Error('boom'), { input: { nationalId: '27182818' } });
    log.error(
      {
        err,
        password: 'hunter2',
        req: { headers: { authorization: 'Bearer abc' }, body: { phone: '0712000111' } },
        user: { fullName: 'Achieng Otieno', apiKey: 'k-123' },
      },
      'x',
    );
    const text = lines.join('');
    for (const secret of ['27182818', 'hunter2', 'Bearer abc', '0712000111', 'Achieng Otieno', 'k-123']) expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({ err: { message: 'boom', stack: expect.stringContaining('Error: boom') } });
  });
  it("names a request by its route, never its query or headers, when Fastify's own lines log it", () => {
    const lines: string[] = [];
    const log = pino(LOG_OPTIONS, { write: (l: string) => void lines.push(l) });
    log.error(
      { req: { method: 'POST', url: '/v1/verify/payload?token=abc', routeOptions: { url: '/v1/verify/:payload' }, headers: { authorization: 'x' } } },
      'x',
    );
    log.error({ req: { method: 'GET', url: '/nowhere?token=abc' } }, 'y');
    expect(lines.map((l) => (JSON.parse(l) as { req: unknown }).req)).toEqual([
      { method: 'POST', route: '/v1/verify/:payload' },
      { method: 'GET', route: '/nowhere' },
    ]);
  });
});

describe('faults nobody caught', () => {
  it('are fatal only when the process is out of memory or file handles', () => {
    expect(isFatal(new Error('boom'))).toBe(false);
    expect(isFatal(Object.assign(new Error('too many open files'), { code: 'EMFILE' }))).toBe(true);
    expect(isFatal(Object.assign(new Error('no memory'), { code: 'ENOMEM' }))).toBe(true);
    expect(isFatal('a string')).toBe(false);
    expect(isFatal(null)).toBe(false);
  });
});
