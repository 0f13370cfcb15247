import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding the app's package.json (the checkout, the installed package, or app.asar),
 * found by walking up from the running code: it runs from src/ (tests), out/cli/ (the built CLI)
 * or out/main/ (the desktop app), at different depths.
 */
export function appRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}
