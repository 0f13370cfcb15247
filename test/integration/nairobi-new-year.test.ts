/**
 * The desk's "today" and "this year" are Nairobi's: at 00:30 on 1 January in Nairobi it is still
 * 21:30 on 31 December in UTC (and earlier in New York), and the desk must already be in the new year.
 */
import { describe, expect, it, vi } from 'vitest';
import { ExportJobs } from '../../src/main/reports/jobs.js';
import { paidApplication } from './support/paid.js';
import { makeDesk, type TestDesk } from './support/tempDesk.js';
import { testClock } from './support/testClock.js';

/** 00:30 on 1 January 2032 in Nairobi. */
const NAIROBI_NEW_YEAR = '2031-12-31T21:30:00.000Z';

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

async function withDeskAtNewYear(work: (t: TestDesk) => Promise<void>): Promise<void> {
  const t = await makeDesk({ clock: testClock(NAIROBI_NEW_YEAR) });
  try {
    await work(t);
  } finally {
    await t.desk.close();
  }
}

describe('just after midnight on New Year in Nairobi', () => {
  it("numbers a dispatch batch in Nairobi's new year", async () => {
    await withDeskAtNewYear(async (t) => {
      const paid = await paidApplication(t.desk, t.actors.officer);
      ok(await t.desk.dispatch('licence.issue', { applicationIds: [paid] }, t.actors.officer));
      const batch = ok(await t.desk.dispatch('batch.create', { centreId: t.centres.nairobi }, t.actors.officer));
      expect(batch.batchNo).toBe('NRB-2032-0001');
    });
  });

  it("shows the dashboard's funnel for Nairobi's new year when no application names a year", async () => {
    await withDeskAtNewYear(async (t) => {
      expect(ok(await t.desk.query('dashboard.summary', {}, t.actors.auditor)).licenceYear).toBe(2032);
    });
  });

  it("names an export's file with Nairobi's date", async () => {
    await withDeskAtNewYear(async (t) => {
      const jobs = new ExportJobs(t.desk);
      const job = jobs.start(t.actors.auditor, { report: 'turnaround', format: 'csv' });
      expect(job.fileName).toBe('turnaround-2032-01-01.csv');
      await vi.waitFor(() => expect(jobs.status(t.actors.auditor, job.id).state).toBe('done'), { timeout: 20_000, interval: 20 });
    });
  });
});
