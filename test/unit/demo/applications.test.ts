import { describe, expect, it } from 'vitest';
import { centreMatcher } from '../../../src/main/applications/import/centres.js';
import { readCsv } from '../../../src/main/applications/import/readCsv.js';
import { validateTable } from '../../../src/main/applications/import/validate.js';
import { generateApplications, toCsv } from '../../../src/main/demo/applications.js';
import { Random } from '../../../src/main/demo/random.js';
import { reference } from '../../../src/main/demo/reference.js';

const generate = (seed: number, count = 200) => generateApplications(new Random(seed), count, seed);

describe('demo applications', () => {
  it('are the same for the same seed and differ for another seed', () => {
    expect(generate(9)).toEqual(generate(9));
    expect(generate(9)).not.toEqual(generate(10));
  });

  it('make a CSV that the importer reads without a single problem', () => {
    const rows = generate(2, 400);
    const read = readCsv(new TextEncoder().encode(toCsv(rows)));
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const centres = reference.rbtc_regional.map((c) => ({ id: c.code, code: c.code, name: c.name }));
    const result = validateTable(read.table, { now: '2026-11-20T06:00:00Z', findCentre: centreMatcher(centres) });
    expect(result.problems).toEqual([]);
    expect(result.records).toHaveLength(400);
  });

  it('give nobody two applications for the same licence year, and some people two years', () => {
    const rows = generate(4, 400);
    const perYear = new Set(rows.map((r) => `${r.national_id}:${r.licence_year}`));
    expect(perYear.size).toBe(400);
    expect(new Set(rows.map((r) => r.national_id)).size).toBeLessThan(400);
  });

  it('are submitted in the 60 days before the fixed demo date, mostly for 2026 and 2027', () => {
    const rows = generate(5, 400);
    const years = rows.map((r) => Number(r.licence_year));
    expect(years.filter((y) => y === 2026 || y === 2027).length).toBeGreaterThan(360);
    const iso = rows
      .map((r) => r.submitted_at)
      .filter((s) => s.includes('T'))
      .sort();
    expect(iso[0]! >= '2026-09-17').toBe(true);
    expect(iso[iso.length - 1]! <= '2026-11-16T17:00:00+03:00').toBe(true);
  });

  it('include the cases the review flags are for', () => {
    const rows = generate(6, 400);
    expect(rows.some((r) => Number(r.cpd_points) < 20)).toBe(true);
    expect(rows.some((r) => r.phone.endsWith('E+11'))).toBe(true);
    expect(rows.some((r) => r.disclosures !== '')).toBe(true);
    expect(rows.some((r) => ['no', 'No', 'FALSE', '0'].includes(r.declaration_accepted))).toBe(true);
  });
});
