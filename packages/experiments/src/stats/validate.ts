/**
 * Throws a `RangeError` naming `what` when any value is not a finite number (NaN, ±Infinity): a statistic
 * silently computed over NaN would be a wrong number in a report, never a crash.
 */
export function assertFiniteValues(values: readonly number[], what: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      throw new RangeError(`${what}: value at index ${i} is ${String(v)}, expected a finite number`);
    }
  }
}

/** Throws a `RangeError` unless `value` is an integer ≥ 0. */
export function assertCount(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${String(value)}`);
  }
}

/** Throws a `RangeError` unless 0 < `value` < 1 (a confidence level, alpha, power or probability). */
export function assertOpenUnit(value: number, what: string): void {
  if (!(value > 0 && value < 1)) {
    throw new RangeError(`${what} must be strictly between 0 and 1, got ${String(value)}`);
  }
}
