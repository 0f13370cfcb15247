import { describe, expect, it } from 'vitest';
import { formatDuration, formatHours } from '../../../src/shared/duration.js';

describe('a turnaround reads as a span of time people know', () => {
  it('says days once it passes two days', () => {
    expect(formatDuration(1117.5)).toBe('46.6 days');
    expect(formatDuration(48)).toBe('2 days');
    expect(formatDuration(24 * 400)).toBe('400 days');
  });

  it('says hours under two days, and minutes under an hour', () => {
    expect(formatDuration(47.94)).toBe('47.9 hours');
    expect(formatDuration(1)).toBe('1 hour');
    expect(formatDuration(0.5)).toBe('30 minutes');
    expect(formatDuration(1 / 60)).toBe('1 minute');
    expect(formatDuration(0)).toBe('0 minutes');
  });

  it('never reads a negative span', () => {
    expect(formatDuration(-3)).toBe('0 minutes');
  });

  it('gives the hours grouped, with their unit, for the second reading', () => {
    expect(formatHours(1117.5)).toBe('1,117.5 hours');
    expect(formatHours(1)).toBe('1 hour');
  });
});
