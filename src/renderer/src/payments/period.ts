import { useEffect, useState } from 'react';
import { nairobiDay } from '../../../shared/time.js';

/** A period of Nairobi days `YYYY-MM-DD`, both inclusive; '' leaves that end open. */
export interface Period {
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Under the session layer's screen-state prefix, so signing out forgets it. */
const STORAGE_KEY = 'kmlttb.screen.payments.period';

/** The Nairobi calendar month that holds `now`: its first and last day. */
export function thisMonth(now = new Date()): Period {
  const today = nairobiDay(now);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${today.slice(0, 8)}01`, to: `${today.slice(0, 8)}${String(last).padStart(2, '0')}` };
}

export function periodProblem(p: Period): string | null {
  return p.from && p.to && DAY.test(p.from) && DAY.test(p.to) && p.from > p.to ? 'From is after To: no payment can fall in this period.' : null;
}

/** The period as query input: only well-formed days are sent. */
export function periodInput(p: Period): { from?: string; to?: string } {
  return { ...(DAY.test(p.from) ? { from: p.from } : {}), ...(DAY.test(p.to) ? { to: p.to } : {}) };
}

function load(): Period {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (raw) return { ...thisMonth(), ...(JSON.parse(raw) as Partial<Period>) };
  } catch {
    // A damaged saved period is simply forgotten.
  }
  return thisMonth();
}

/** The period survives a reload of this tab; it starts as this month. */
export function usePeriod(): [Period, (next: Period) => void] {
  const [period, setPeriod] = useState(load);
  useEffect(() => {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(period));
    } catch {
      // Not saved: only a convenience.
    }
  }, [period]);
  return [period, setPeriod];
}
