import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORT_HOLD_ENV } from '../../src/main/imports/jobs.js';
import { CHUNK_ROWS } from '../../src/main/core/inChunks.js';
import { apiQuery } from './support/api.js';
import { errorsOf, screenshot, signIn } from './support/browser.js';
import { demoDesk } from './support/demoDesk.js';
import { goToPayments } from './support/payments.js';

// The desk holds each import after its first chunk until it is cancelled: Cancel always arrives while one runs.
const { dataDir, setup } = demoDesk(40, 21, { before: async () => ({ env: { [IMPORT_HOLD_ENV]: '1' } }) });

const ROWS = 1200;

function notifications(): string {
  const lines = ['invoice_number,client_invoice_ref,amount_paid,invoice_amount,currency,payment_date,payment_channel,phone_number,status'];
  for (let i = 0; i < ROWS; i++)
    lines.push(`ECZ-PROG${i},LB77${String(i).padStart(6, '0')},1550,1550,KES,2026-11-20 10:00:00+03:00,MPESA,254712345678,settled`);
  return lines.join('\n');
}

describe('an import in the app', () => {
  it('shows the rows stored of the total while it runs, and Cancel keeps nothing of the file', async () => {
    const { url, browser } = setup();
    const file = path.join(dataDir, 'many-payments.csv');
    fs.writeFileSync(file, notifications());
    const page = await signIn(browser.context, url, 'officer');
    await goToPayments(page);
    await page.getByRole('button', { name: 'Import payments' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import payments' });
    await dialog.getByLabel('Payments file (.csv or .jsonl)').setInputFiles(file);
    await dialog.getByRole('region', { name: 'Import summary' }).waitFor();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();

    await dialog.getByText(`Importing: ${CHUNK_ROWS} of ${ROWS.toLocaleString('en-KE')} rows`).waitFor();
    const bar = dialog.getByRole('progressbar', { name: 'Import progress' });
    expect(await bar.getAttribute('value')).toBe(String(CHUNK_ROWS));
    expect(await bar.getAttribute('max')).toBe(String(ROWS));
    await screenshot(page, 'payments-import-progress');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByText('Cancelled: nothing was changed.').waitFor();
    expect(await bar.count()).toBe(0);
    // Nothing of the file was kept, not even the chunk stored before the Cancel.
    expect((await apiQuery(page, 'payments.list', { view: 'all', search: 'ECZ-PROG1' })).total).toBe(0);
    expect((await apiQuery(page, 'payments.list', { view: 'all', search: 'ECZ-PROG0' })).total).toBe(0);
    expect(errorsOf(page)).toEqual([]);
  });
});
