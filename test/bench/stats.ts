/** Small helpers for timing and reporting bench figures. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export const formatMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const formatPct = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
export const formatRate = (perSecond: number) => `${Math.round(perSecond).toLocaleString('en')}/s`;

/** This process's CPU time in ms: unlike wall time, it does not grow while other work holds the CPUs. */
export const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Wall and CPU time of one run of `fn`. */
export async function timeIt<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const c0 = cpuNow();
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0, cpuMs: cpuNow() - c0 };
}

/** Synchronous `timeIt`, for work that must stay inside a better-sqlite3 transaction. */
export function timeSync<T>(fn: () => T): { value: T; ms: number; cpuMs: number } {
  const c0 = cpuNow();
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0, cpuMs: cpuNow() - c0 };
}

/** `1.23 s (CPU 1.10 s)` */
export const wallCpu = (t: { ms: number; cpuMs: number }) => `${formatMs(t.ms)} (CPU ${formatMs(t.cpuMs)})`;

export type Verdict = 'PASS' | 'FAIL' | 'INFO' | 'NOT BUILT' | 'NOT MEASURED';

export interface Figure {
  name: string;
  verdict: Verdict;
  line: string;
}

/** `applications grid query p95: 7.3 ms (budget ≤ 25 ms) PASS` */
export function budgetLine(name: string, valueMs: number, budgetMs: number, extra = ''): Figure {
  return checkLine(name, formatMs(valueMs), `≤ ${formatMs(budgetMs)}`, valueMs <= budgetMs, extra);
}

/** Any figure against its budget, both already written out: `name: value (budget …) PASS`. */
export function checkLine(name: string, value: string, budget: string, pass: boolean, extra = ''): Figure {
  const verdict: Verdict = pass ? 'PASS' : 'FAIL';
  return { name, verdict, line: `${name}: ${value} (budget ${budget}) ${verdict}${extra ? `  [${extra}]` : ''}` };
}

/** A figure QUALITY.md sets no budget for: printed for information. */
export function infoLine(name: string, value: string, extra = ''): Figure {
  return { name, verdict: 'INFO', line: `${name}: ${value} (no budget in QUALITY.md) INFO${extra ? `  [${extra}]` : ''}` };
}

export function notBuiltLine(name: string, budget: string, why: string): Figure {
  return { name, verdict: 'NOT BUILT', line: `${name}: not built yet (budget ${budget}) — ${why}` };
}

export function notMeasuredLine(name: string, budget: string, why: string): Figure {
  return { name, verdict: 'NOT MEASURED', line: `${name}: not measured here (budget ${budget}) — ${why}` };
}
