import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CLI = path.join(REPO, 'bin/kmlttb.js');
export const SCREENSHOTS = path.join(REPO, 'test-results/screenshots');
