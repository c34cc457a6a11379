import { describe, expect, it } from 'vitest';
import {
  formatDifference,
  formatEstimate,
  formatEta,
  formatMs,
  formatPValue,
  formatRate,
  formatScore,
  formatUsd,
  intervalBar,
  percent,
  progressPercent,
} from './format';

describe('experiment number formatting', () => {
  it('shows a rate with its interval the way people read it', () => {
    expect(formatRate({ value: 0.72, low: 0.641, high: 0.79 })).toBe('72% (64–79%)');
    expect(formatRate({ value: 0.5, low: null, high: null })).toBe('50%');
    expect(formatRate({ value: null, low: null, high: null })).toBe('—');
    expect(percent(0.034)).toBe('3.4%');
  });

  it('formats scores, latencies and costs', () => {
    expect(formatEstimate({ value: 0.82, low: 0.75, high: 0.881 }, formatScore)).toBe('0.82 (0.75–0.88)');
    expect(formatEstimate({ value: 0, low: 0, high: 0 }, formatUsd)).toBe('$0');
    expect(formatMs(820.4)).toBe('820 ms');
    expect(formatMs(1420)).toBe('1.4 s');
    expect(formatMs(125_000)).toBe('2m 05s');
    expect(formatMs(null)).toBe('—');
    expect(formatUsd(0.0042)).toBe('$0.0042');
    expect(formatUsd(3.4)).toBe('$3.40');
    expect(formatUsd(null)).toBe('—');
  });

  it('formats p-values without false precision', () => {
    expect(formatPValue(0.0004)).toBe('p < 0.001');
    expect(formatPValue(0.0123)).toBe('p = 0.01');
    expect(formatPValue(0.0049)).toBe('p = 0.005');
    expect(formatPValue(0.452)).toBe('p = 0.45');
    expect(formatPValue(null)).toBe('—');
  });

  it('says how long is left in round numbers', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(2_000)).toBe('a few seconds left');
    expect(formatEta(41_000)).toBe('about 40 s left');
    expect(formatEta(3 * 60_000 + 10_000)).toBe('about 3 min left');
    expect(formatEta(80 * 60_000)).toBe('about 1 h 20 min left');
  });

  it('signs differences in the metric unit', () => {
    expect(formatDifference('passRate', 0.12)).toBe('+12 pts');
    expect(formatDifference('passRate', -0.03)).toBe('−3 pts');
    expect(formatDifference('latency', -250)).toBe('−250 ms');
    expect(formatDifference('score', 0.1)).toBe('+0.10');
  });

  it('places an interval on a bar and clamps it', () => {
    expect(intervalBar({ value: 0.5, low: 0.4, high: 0.6 })).toEqual({ left: 40, width: 20, point: 50 });
    expect(intervalBar({ value: 2, low: 1, high: 3 }, 2)).toEqual({ left: 50, width: 50, point: 100 });
    expect(intervalBar({ value: null, low: null, high: null })).toBeNull();
    expect(progressPercent(3, 12)).toBe(25);
    expect(progressPercent(0, 0)).toBe(0);
  });
});
