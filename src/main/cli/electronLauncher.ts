import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { appRoot } from '../appRoot.js';
import { stopOnSignals } from './stopOnSignals.js';

/**
 * The Electron binary, when the electron package has one (not on offline build machines). Found
 * as the package itself finds it, without `require('electron')`: that tries to download a missing
 * binary, and prints the failed download's stack trace where there is no network.
 */
export function electronBinary(): string | null {
  let dir: string;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(dir, 'path.txt');
  const executable = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, executable || 'electron') : executable ? path.join(dir, 'dist', executable) : null;
  return binary && fs.existsSync(binary) ? binary : null;
}

/** How long Electron has to close its windows after being asked, before it is killed. */
const ELECTRON_STOP_MS = 10_000;

/** Runs the desktop app until it exits; Ctrl+C or SIGTERM here closes it too (it is never left running alone). */
export async function launchElectron(binary: string, dataDir: string | undefined): Promise<void> {
  const child = spawn(binary, [path.join(appRoot(), 'out/main/index.js')], {
    stdio: 'inherit',
    env: { ...process.env, ...(dataDir ? { KMLTTB_DATA: path.resolve(dataDir) } : {}) },
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  stopOnSignals(async () => {
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), ELECTRON_STOP_MS);
    await exited;
    clearTimeout(force);
  });
  await exited;
}
