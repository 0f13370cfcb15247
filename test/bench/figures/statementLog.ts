/**
 * A view of a better-sqlite3 connection that times every statement run through it (get, all,
 * run, iterate), summed by SQL text: handed to code under measurement as its `sqlite`, it shows
 * where the time went when a figure misses its budget. The overhead is a clock read per call.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { formatMs } from '../stats.js';

export interface StatementLog {
  sqlite: BetterSqlite3.Database;
  /** The statements that took longest in total, one line each. */
  top(n: number): string[];
}

export function statementLog(target: BetterSqlite3.Database): StatementLog {
  const totals = new Map<string, { calls: number; ms: number }>();
  const wrap = (st: BetterSqlite3.Statement, text: string): BetterSqlite3.Statement => {
    const key = text.replace(/\s+/g, ' ').trim();
    const view: BetterSqlite3.Statement = new Proxy(st, {
      get(t, prop) {
        const value = Reflect.get(t, prop, t) as unknown;
        if (typeof value !== 'function') return value;
        const fn = value as (...a: unknown[]) => unknown;
        if (prop !== 'get' && prop !== 'all' && prop !== 'run' && prop !== 'iterate') {
          return (...a: unknown[]) => {
            const out = fn.apply(t, a);
            return out === t ? view : out;
          }; // pluck(), raw()… return the statement
        }
        return (...a: unknown[]) => {
          const t0 = performance.now();
          try {
            return fn.apply(t, a);
          } finally {
            const s = totals.get(key) ?? { calls: 0, ms: 0 };
            s.calls++;
            s.ms += performance.now() - t0;
            totals.set(key, s);
          }
        };
      },
    });
    return view;
  };
  const sqlite = new Proxy(target, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t) as unknown;
      if (prop === 'prepare') return (text: string) => wrap(t.prepare(text), text);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
  return {
    sqlite,
    top(n) {
      return [...totals.entries()]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, n)
        .map(([sql, s]) => `${formatMs(s.ms).padStart(9)} in ${s.calls.toLocaleString('en').padStart(7)} calls: ${sql.slice(0, 150)}`);
    },
  };
}
