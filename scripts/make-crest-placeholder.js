// Draws resources/documents/crest.png from crest-placeholder.svg with Chromium (Playwright), at
// 4 times its size so it prints sharp. Run once: node scripts/make-crest-placeholder.js
// When the Board supplies its crest, put its PNG at resources/documents/crest.png instead.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'documents');
const svg = fs.readFileSync(path.join(dir, 'crest-placeholder.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.KMLTTB_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 240, height: 240 }, deviceScaleFactor: 4 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(dir, 'crest.png'), omitBackground: true });
} finally {
  await browser.close();
}
