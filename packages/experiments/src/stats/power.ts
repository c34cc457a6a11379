import { normalQuantile } from './distributions';
import { assertOpenUnit } from './validate';

/** Significance level and power of the sample-size formulas (defaults: alpha 0.05 two-sided, power 0.8). */
export type PowerOptions = { alpha?: number; power?: number };

function zValues(options: PowerOptions): { zAlpha: number; zBeta: number } {
  const { alpha = 0.05, power = 0.8 } = options;
  assertOpenUnit(alpha, 'alpha');
  assertOpenUnit(power, 'power');
  return { zAlpha: normalQuantile(1 - alpha / 2), zBeta: normalQuantile(power) };
}

/**
 * Pairs needed for McNemar's test to detect a difference `effect` = p10 − p01 in paired pass rates, by
 * Connor (1987): n = (z_{α/2}·√ψ + z_β·√(ψ − δ²))² / δ², with ψ the discordant-pair rate. A discordant rate
 * below the effect is impossible (|δ| ≤ ψ), so ψ is floored at δ; zero observed discordance therefore still
 * asks for a finite, positive number of pairs. Returns the unrounded n.
 */
export function pairedProportionSampleSize(
  input: { discordantRate: number; effect: number } & PowerOptions,
): number {
  const { zAlpha, zBeta } = zValues(input);
  const delta = Math.abs(input.effect);
  if (!(delta > 0 && delta <= 1)) throw new RangeError(`effect must be in (0, 1], got ${input.effect}`);
  if (!(input.discordantRate >= 0 && input.discordantRate <= 1)) {
    throw new RangeError(`discordantRate must be in [0, 1], got ${input.discordantRate}`);
  }
  const psi = Math.max(input.discordantRate, delta);
  const root = zAlpha * Math.sqrt(psi) + zBeta * Math.sqrt(psi - delta * delta);
  return (root * root) / (delta * delta);
}

/**
 * Rows needed per group for a two-sided two-proportion z-test to detect p2 = p1 ± `effect` (Fleiss, without
 * continuity correction; the formula R's power.prop.test solves):
 * n = (z_{α/2}·√(2·p̄·q̄) + z_β·√(p1q1 + p2q2))² / δ². The effect is taken towards ½ (the direction needing
 * more rows), which keeps p2 inside [0, 1]. Returns the unrounded n.
 */
export function twoProportionSampleSize(input: { p1: number; effect: number } & PowerOptions): number {
  const { zAlpha, zBeta } = zValues(input);
  const { p1 } = input;
  const delta = Math.abs(input.effect);
  if (!(p1 >= 0 && p1 <= 1)) throw new RangeError(`p1 must be in [0, 1], got ${p1}`);
  if (!(delta > 0 && delta <= 0.5)) throw new RangeError(`effect must be in (0, 0.5], got ${input.effect}`);
  const p2 = p1 < 0.5 ? p1 + delta : p1 - delta;
  const pBar = (p1 + p2) / 2;
  const root = zAlpha * Math.sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return (root * root) / (delta * delta);
}

/**
 * Holm's step-down adjustment (as R's p.adjust(method = 'holm')): the i-th smallest of m p-values becomes
 * max over j ≤ i of min(1, (m − j + 1)·p_(j)). Null entries (tests that could not run) are kept null and not
 * counted in m. Output order matches input order.
 */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  const present: { index: number; p: number }[] = [];
  pValues.forEach((p, index) => {
    if (p === null) return;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`holmAdjust: p-value at index ${index} is ${p}`);
    present.push({ index, p });
  });
  present.sort((a, b) => a.p - b.p);
  const adjusted: (number | null)[] = pValues.map(() => null);
  const m = present.length;
  let running = 0;
  present.forEach(({ index, p }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}
