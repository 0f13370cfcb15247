/**
 * The `kmlttb` command runs the built CLI (out/cli/kmlttb.js) with plain Node: no TypeScript file
 * and no tsx is loaded, for the help, the version or the central service.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { tempDir } from './support/tempDesk.js';

const REFUSE_TYPESCRIPT = pathToFileURL(path.resolve(import.meta.dirname, '../fixtures/loader/refuseTypeScript.mjs')).href;
const STARTUP_DEADLINE_MS = 45_000;
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

const builtOnly = (args: string[]) => ['--import', REFUSE_TYPESCRIPT, 'bin/kmlttb.js', ...args];

function kmlttb(...args: string[]) {
  const r = spawnSync(process.execPath, builtOnly(args), { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the built kmlttb command', () => {
  it('the guard is real: loading the TypeScript sources fails the process', () => {
    const r = spawnSync(process.execPath, ['--import', REFUSE_TYPESCRIPT, '--import', 'tsx', 'src/main/cli/run.ts', '--version'], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('TypeScript loaded at run time');
  });

  it('prints its version and its help without TypeScript', () => {
    const version = kmlttb('--version');
    expect(version).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
    const help = kmlttb('--help');
    expect(help.err).toBe('');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^ {2}server \[options\]/m);
  });

  it('runs a command on a data folder and the central service without TypeScript', async () => {
    const dataDir = tempDir();
    const passwordFile = path.join(tempDir(), 'pw');
    fs.writeFileSync(passwordFile, 'a-long-admin-password\n');
    const init = kmlttb('--data', dataDir, 'init', '--admin', 'admin', '--password-file', passwordFile);
    expect(init.err).not.toContain('TypeScript loaded at run time');
    expect(init.code).toBe(0);

    const child = spawn(process.execPath, builtOnly(['server', '--data', dataDir, '--port', '0']), { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`kmlttb server did not start in time:\n${output}`)), STARTUP_DEADLINE_MS);
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const m = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`kmlttb server exited (${code}) before listening:\n${output}`));
      });
    });
    expect(((await (await fetch(`${url}/v1/health`)).json()) as { status: string }).status).toBe('ok');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).not.toContain('TypeScript loaded at run time');
  });
});
