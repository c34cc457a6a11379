/** Median wall time of `fn` in milliseconds over `runs` timed runs after `warmup` untimed ones. */
export function medianMs(fn: () => void, runs = 15, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

export type BenchRow = {
  case: string;
  measuredMs: number;
  baselineMs: number;
  /** measured / baseline: how many times the baseline's cost the measured path takes. */
  ratio: number;
};

export function row(name: string, measuredMs: number, baselineMs: number): BenchRow {
  return {
    case: name,
    measuredMs: round(measuredMs),
    baselineMs: round(baselineMs),
    ratio: round(measuredMs / baselineMs),
  };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** The `p`-th percentile (0-100, nearest rank) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
}

export { round };
