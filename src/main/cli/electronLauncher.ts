import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The Electron binary, when the electron package could download it (not on offline build machines). */
export function electronBinary(): string | null {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export async function launchElectron(binary: string, dataDir: string | undefined): Promise<void> {
  const child = spawn(binary, [path.join(root, 'out/main/index.js')], {
    stdio: 'inherit',
    env: { ...process.env, ...(dataDir ? { KMLTTB_DATA: path.resolve(dataDir) } : {}) },
  });
  await new Promise<void>((resolve) => child.on('exit', () => resolve()));
}
