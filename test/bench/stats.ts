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

export type Verdict = 'PASS' | 'FAIL' | 'NOT BUILT' | 'NOT MEASURED';

export interface Figure {
  name: string;
  verdict: Verdict;
  line: string;
}

/** `applications grid query p95: 7.3 ms (budget ≤ 25 ms) PASS` */
export function budgetLine(name: string, valueMs: number, budgetMs: number, extra = ''): Figure {
  const verdict: Verdict = valueMs <= budgetMs ? 'PASS' : 'FAIL';
  return {
    name,
    verdict,
    line: `${name}: ${formatMs(valueMs)} (budget ≤ ${formatMs(budgetMs)}) ${verdict}${extra ? `  [${extra}]` : ''}`,
  };
}

export function notBuiltLine(name: string, budget: string, why: string): Figure {
  return { name, verdict: 'NOT BUILT', line: `${name}: not built yet (budget ${budget}) — ${why}` };
}

export function notMeasuredLine(name: string, budget: string, why: string): Figure {
  return { name, verdict: 'NOT MEASURED', line: `${name}: not measured here (budget ${budget}) — ${why}` };
}
