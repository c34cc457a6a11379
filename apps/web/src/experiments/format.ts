/** Plain-language formatting of an experiment's numbers: intervals, p-values, ETAs, latencies, costs. */

export type Interval = { value: number | null; low: number | null; high: number | null; n?: number };

const DASH = '—';

/** 0.7234 → "72%"; keeps one decimal under 10% so small rates do not all read "0%". */
export function percent(fraction: number): string {
  const value = fraction * 100;
  if (value !== 0 && Math.abs(value) < 10 && Math.round(value) !== value) return `${value.toFixed(1)}%`;
  return `${Math.round(value)}%`;
}

/** A rate with its 95% interval: "72% (64–79%)"; "72%" when there is too little data for an interval. */
export function formatRate(estimate: Interval): string {
  if (estimate.value === null) return DASH;
  if (estimate.low === null || estimate.high === null) return percent(estimate.value);
  const low = Math.round(estimate.low * 100);
  const high = Math.round(estimate.high * 100);
  return `${percent(estimate.value)} (${low}–${high}%)`;
}

/** A number with its interval, each formatted by `format`: "0.82 (0.75–0.88)". */
export function formatEstimate(estimate: Interval, format: (value: number) => string): string {
  if (estimate.value === null) return DASH;
  if (estimate.low === null || estimate.high === null) return format(estimate.value);
  const [value, low, high] = [format(estimate.value), format(estimate.low), format(estimate.high)];
  // No spread (every run cost $0, every score was 1): the interval adds nothing.
  if (low === value && high === value) return value;
  return `${value} (${low}–${high})`;
}

export const formatScore = (value: number) => value.toFixed(2);

/** "820 ms", "1.4 s", "2m 05s". */
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

/** Dollars with enough digits to tell runs apart: "$0.0042", "$0.12", "$3.40". */
export function formatUsd(usd: number | null): string {
  if (usd === null || !Number.isFinite(usd)) return DASH;
  if (usd === 0) return '$0';
  if (Math.abs(usd) < 0.01) return `$${usd.toPrecision(2)}`;
  return `$${usd.toFixed(2)}`;
}

/** Tokens: "840", "12.3k". */
export function formatTokens(tokens: number): string {
  if (tokens < 1000) return String(Math.round(tokens));
  if (tokens < 1_000_000) return `${(tokens / 1000).toFixed(1)}k`;
  return `${(tokens / 1_000_000).toFixed(1)}M`;
}

/** "p < 0.001", "p = 0.012", "p = 0.45"; a dash when there was nothing to test. */
export function formatPValue(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return DASH;
  if (p < 0.001) return 'p < 0.001';
  if (p < 0.01) return `p = ${p.toFixed(3)}`;
  return `p = ${p.toFixed(2)}`;
}

/** "about 40 s left", "about 3 min left", "about 1 h 20 min left"; empty when unknown. */
export function formatEta(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  if (ms < 5_000) return 'a few seconds left';
  if (ms < 60_000) return `about ${Math.round(ms / 5_000) * 5} s left`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `about ${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} h${rest > 0 ? ` ${rest} min` : ''} left`;
}

/** A signed difference in percentage points: "+12 pts", "−3 pts". */
export function formatPoints(difference: number | null): string {
  if (difference === null || !Number.isFinite(difference)) return DASH;
  const points = Math.round(difference * 100);
  return `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points)} pts`;
}

const TEST_LABELS: Record<string, string> = {
  'mcnemar-exact': 'McNemar exact test',
  'wilcoxon-signed-rank': 'Wilcoxon signed-rank test',
  'fisher-exact': 'Fisher exact test',
  'mann-whitney-u': 'Mann–Whitney U test',
};
export const testLabel = (test: string) => TEST_LABELS[test] ?? test;

const METRIC_LABELS: Record<string, string> = {
  passRate: 'Pass rate',
  score: 'Mean score',
  latency: 'Latency (median)',
};
export const metricLabel = (metric: string) => METRIC_LABELS[metric] ?? metric;

/** The difference column of a metric test, in the metric's unit. */
export function formatDifference(metric: string, difference: number | null): string {
  if (difference === null) return DASH;
  if (metric === 'passRate') return formatPoints(difference);
  if (metric === 'latency')
    return `${difference > 0 ? '+' : difference < 0 ? '−' : '±'}${formatMs(Math.abs(difference))}`;
  return `${difference > 0 ? '+' : difference < 0 ? '−' : '±'}${Math.abs(difference).toFixed(2)}`;
}

/**
 * Where an interval sits on a 0..max bar, in percent of the bar's width (for the small CI bars). Null when
 * there is no estimate.
 */
export function intervalBar(
  estimate: Interval,
  max = 1,
): { left: number; width: number; point: number } | null {
  if (estimate.value === null || max <= 0) return null;
  const clamp = (value: number) => Math.min(100, Math.max(0, (value / max) * 100));
  const point = clamp(estimate.value);
  const low = estimate.low === null ? point : clamp(estimate.low);
  const high = estimate.high === null ? point : clamp(estimate.high);
  return { left: low, width: Math.max(high - low, 0), point };
}

/** done / total as a 0..100 width; 0 when nothing is planned yet. */
export function progressPercent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, (done / total) * 100));
}
