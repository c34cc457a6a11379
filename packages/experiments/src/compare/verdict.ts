import { pairedProportionSampleSize, twoProportionSampleSize } from '../stats/power';
import type { MetricTest, Verdict } from './report';

/** Below this many pairs (paired) or trials in either variant (unpaired) no verdict beyond "too few" is given. */
const MIN_ROWS_FOR_VERDICT = 10;

/** A p-value for people: two significant digits, "p < 0.0001" below that. */
function formatP(p: number): string {
  return p < 0.0001 ? 'p < 0.0001' : `p = ${p.toPrecision(2)}`;
}

/** A rate or score difference in points, signed, one decimal ("+18.0 points"). */
function formatPoints(difference: number): string {
  const points = difference * 100;
  return `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} points`;
}

/** Effect size in points without trailing zeros ("5", "2.5"). */
function formatEffect(minEffect: number): string {
  return String(Number((minEffect * 100).toFixed(2)));
}

export type VerdictInput = {
  candidate: string;
  paired: boolean;
  tests: readonly MetricTest[];
  /** Pairs (paired) or the smaller variant's trial count (unpaired). */
  rows: number;
  /** Baseline pass rate (unpaired power), or null when unknown. */
  baselinePassRate: number | null;
  alpha: number;
  minEffect: number;
};

/**
 * The plain-language verdict, driven by the Holm-adjusted pass-rate test first, then the score test; with
 * neither significant, "too few" under {@link MIN_ROWS_FOR_VERDICT} rows, else "no difference" with the extra
 * rows needed to detect `minEffect` with 80% power (Connor's formula with the observed discordant rate when
 * paired, the two-proportion formula per variant when not).
 */
export function decideVerdict(input: VerdictInput): Verdict {
  const { candidate, tests, alpha, minEffect } = input;
  const labels = { passRate: 'pass rate', score: 'mean score' } as const;
  for (const metric of ['passRate', 'score'] as const) {
    const test = tests.find((t) => t.metric === metric);
    if (test?.adjustedP == null || test.difference === null || test.difference === 0) continue;
    if (test.adjustedP < alpha) {
      const outcome = test.difference > 0 ? 'better' : 'worse';
      return {
        outcome,
        text: `${candidate} is ${outcome} on ${labels[metric]} (${formatPoints(test.difference)}), ${formatP(test.adjustedP)}`,
      };
    }
  }
  const passTest = tests.find((t) => t.metric === 'passRate');
  if (input.rows < MIN_ROWS_FOR_VERDICT || passTest === undefined) {
    const unit = input.paired ? 'matched rows' : 'trials in the smaller variant';
    return {
      outcome: 'too-few',
      text: `Too few rows to tell: ${input.rows} ${unit}, at least ${MIN_ROWS_FOR_VERDICT} needed`,
    };
  }
  const needed = input.paired
    ? pairedProportionSampleSize({
        discordantRate:
          ((passTest.discordant?.baselineOnly ?? 0) + (passTest.discordant?.candidateOnly ?? 0)) / input.rows,
        effect: minEffect,
        alpha,
      })
    : twoProportionSampleSize({ p1: input.baselinePassRate ?? 0.5, effect: minEffect, alpha });
  const moreRowsNeeded = Math.max(0, Math.ceil(needed) - input.rows);
  const effect = formatEffect(minEffect);
  if (moreRowsNeeded > 0) {
    const perVariant = input.paired ? '' : ' (per variant)';
    return {
      outcome: 'no-difference',
      text: `No detectable difference: about ${moreRowsNeeded} more rows needed for a ${effect}-point effect${perVariant}`,
      moreRowsNeeded,
    };
  }
  const p = passTest.adjustedP === null ? '' : ` (${formatP(passTest.adjustedP)})`;
  return {
    outcome: 'no-difference',
    text: `No difference of ${effect} points or more${p}`,
    moreRowsNeeded: 0,
  };
}
