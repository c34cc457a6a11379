import { describe, expect, it } from 'vitest';
import { compareVariants } from './compare';
import type { TrialOutcome } from './types';

type TrialOverrides = Partial<TrialOutcome> & { pass?: boolean; score?: number };

function trial(variant: string, pairKey: string | null, overrides: TrialOverrides = {}): TrialOutcome {
  const { pass = true, score = pass ? 1 : 0, ...rest } = overrides;
  return {
    variant,
    pairKey,
    status: 'succeeded',
    results: [{ evaluatorId: 'exact', pass, score }],
    latencyMs: 100,
    tokensIn: 10,
    tokensOut: 5,
    costUsd: 0.001,
    ...rest,
  };
}

/** `rows` dataset rows for a variant; `fails(i)` decides which rows fail. */
function rows(variant: string, count: number, fails: (i: number) => boolean, extra: TrialOverrides = {}) {
  return Array.from({ length: count }, (_, i) => trial(variant, `row${i}#0`, { pass: !fails(i), ...extra }));
}

describe('compareVariants, paired', () => {
  it('flags a candidate failing 30% of 50 rows the baseline passes as worse on pass rate', () => {
    const report = compareVariants({
      variants: ['A', 'B'],
      evaluatorIds: ['exact'],
      trials: [...rows('A', 50, () => false), ...rows('B', 50, (i) => i % 10 < 3)],
      paired: true,
    });
    const [comparison] = report.comparisons;
    expect(comparison?.verdict.outcome).toBe('worse');
    expect(comparison?.verdict.text).toMatch(/^B is worse on pass rate \(−30\.0 points\), p < 0\.0001$/);
    const passTest = comparison?.tests.find((t) => t.metric === 'passRate');
    expect(passTest).toMatchObject({
      test: 'mcnemar-exact',
      n: 50,
      discordant: { baselineOnly: 15, candidateOnly: 0 },
    });
    expect(passTest?.difference).toBeCloseTo(-0.3, 12);
    // 2 / 2^15 (McNemar exact with b = 15, c = 0).
    expect(passTest?.pValue).toBeCloseTo(2 / 2 ** 15, 15);
    expect(report.variants[1]?.passRate).toMatchObject({ value: 0.7, passes: 35, n: 50 });
  });

  it('says "better" with the candidate and the points gained', () => {
    const report = compareVariants({
      variants: ['A', 'B'],
      evaluatorIds: ['exact'],
      trials: [...rows('A', 40, (i) => i % 4 === 0), ...rows('B', 40, () => false)],
      paired: true,
    });
    expect(report.comparisons[0]?.verdict).toEqual({
      outcome: 'better',
      // McNemar exact, b = 0, c = 10: p = 2/2^10 = 0.00195.
      text: 'B is better on pass rate (+25.0 points), p = 0.0020',
    });
  });

  it('finds no difference between identical variants and says how many more rows are needed', () => {
    const report = compareVariants({
      variants: ['A', 'B'],
      evaluatorIds: ['exact'],
      trials: [...rows('A', 50, (i) => i % 5 === 0), ...rows('B', 50, (i) => i % 5 === 0)],
      paired: true,
    });
    const comparison = report.comparisons[0];
    expect(comparison?.tests.find((t) => t.metric === 'passRate')?.pValue).toBe(1);
    expect(comparison?.verdict.outcome).toBe('no-difference');
    // No discordant pairs: ψ floored at 0.05 → Connor n = 154.6 → 155 − 50 = 105 more.
    expect(comparison?.verdict.moreRowsNeeded).toBe(105);
    expect(comparison?.verdict.text).toBe(
      'No detectable difference: about 105 more rows needed for a 5-point effect',
    );
  });

  it('falls back to the score when the pass rate does not move', () => {
    const report = compareVariants({
      variants: ['A', 'B'],
      evaluatorIds: ['exact'],
      trials: [
        ...rows('A', 30, () => false, { score: 0.6 }),
        ...Array.from({ length: 30 }, (_, i) => trial('B', `row${i}#0`, { score: 0.8 + i / 1000 })),
      ],
      paired: true,
    });
    const verdict = report.comparisons[0]?.verdict;
    expect(verdict?.outcome).toBe('better');
    expect(verdict?.text).toMatch(/^B is better on mean score \(\+21\.5 points\), p < 0\.0001$/);
  });

  it('says "too few" under 10 pairs and matches only pairKeys present in both variants', () => {
    const report = compareVariants({
      variants: ['A', 'B'],
      evaluatorIds: ['exact'],
      trials: [...rows('A', 20, () => false), ...rows('B', 6, (i) => i === 0)],
      paired: true,
    });
    expect(report.comparisons[0]?.tests[0]?.n).toBe(6);
    expect(report.comparisons[0]?.verdict).toEqual({
      outcome: 'too-few',
      text: 'Too few rows to tell: 6 matched rows, at least 10 needed',
    });
  });

  it('rejects trials without a pairKey or with a repeated one', () => {
    const base = { variants: ['A', 'B'], evaluatorIds: ['exact'], paired: true };
    expect(() => compareVariants({ ...base, trials: [trial('A', null), trial('B', 'r1')] })).toThrow(
      /no pairKey/,
    );
    expect(() => compareVariants({ ...base, trials: [trial('A', 'r1'), trial('A', 'r1')] })).toThrow(
      /two trials/,
    );
  });

  it('Holm-adjusts three variants per metric', () => {
    const report = compareVariants({
      variants: ['A', 'B', 'C'],
      evaluatorIds: ['exact'],
      trials: [...rows('A', 60, () => false), ...rows('B', 60, (i) => i < 8), ...rows('C', 60, (i) => i < 6)],
      paired: true,
    });
    const [b, c] = report.comparisons.map((comparison) =>
      comparison.tests.find((t) => t.metric === 'passRate'),
    );
    // Raw McNemar: B (8 vs 0) p = 2/2^8 = 0.0078125, C (6 vs 0) p = 2/2^6 = 0.03125.
    // Holm: smallest × 2 = 0.015625, then max(0.015625, 0.03125 × 1) = 0.03125.
    expect(b?.pValue).toBeCloseTo(0.0078125, 15);
    expect(c?.pValue).toBeCloseTo(0.03125, 15);
    expect(b?.adjustedP).toBeCloseTo(0.015625, 15);
    expect(c?.adjustedP).toBeCloseTo(0.03125, 15);
    expect(report.comparisons.map((comparison) => comparison.verdict.outcome)).toEqual(['worse', 'worse']);
    expect(report.comparisons[0]?.verdict.text).toBe('B is worse on pass rate (−13.3 points), p = 0.016');
  });
});

describe('compareVariants, unpaired canary', () => {
  it('detects 90% vs 80% over 1,000 trials each', () => {
    const trials = [
      ...Array.from({ length: 1000 }, (_, i) =>
        trial('stable', null, { pass: i % 10 !== 0, latencyMs: 100 + (i % 7) }),
      ),
      ...Array.from({ length: 1000 }, (_, i) =>
        trial('canary', null, { pass: i % 5 !== 0, latencyMs: 120 + (i % 7) }),
      ),
    ];
    const report = compareVariants({
      variants: ['stable', 'canary'],
      evaluatorIds: ['exact'],
      trials,
      paired: false,
    });
    const comparison = report.comparisons[0];
    expect(comparison?.verdict.outcome).toBe('worse');
    expect(comparison?.verdict.text).toMatch(/^canary is worse on pass rate \(−10\.0 points\), p < 0\.0001$/);
    const tests = comparison?.tests ?? [];
    expect(tests.map((t) => t.test)).toEqual(['fisher-exact', 'mann-whitney-u', 'mann-whitney-u']);
    expect(tests[2]?.difference).toBe(20);
    expect(tests[2]?.pValue).toBeLessThan(1e-6);
  });

  it('asks for more rows per variant when the canary is too small to tell', () => {
    const trials = [
      ...Array.from({ length: 40 }, (_, i) => trial('stable', null, { pass: i % 10 !== 0 })),
      ...Array.from({ length: 40 }, (_, i) => trial('canary', null, { pass: i % 10 !== 1 })),
    ];
    const verdict = compareVariants({
      variants: ['stable', 'canary'],
      evaluatorIds: ['exact'],
      trials,
      paired: false,
    }).comparisons[0]?.verdict;
    expect(verdict?.outcome).toBe('no-difference');
    expect(verdict?.moreRowsNeeded).toBeGreaterThan(0);
    expect(verdict?.text).toMatch(
      /^No detectable difference: about \d+ more rows needed for a 5-point effect \(per variant\)$/,
    );
  });

  it('says there is no 5-point difference once there are enough rows', () => {
    const trials = [
      ...Array.from({ length: 2000 }, (_, i) => trial('stable', null, { pass: i % 10 !== 0 })),
      ...Array.from({ length: 2000 }, (_, i) => trial('canary', null, { pass: i % 10 !== 1 })),
    ];
    const verdict = compareVariants({
      variants: ['stable', 'canary'],
      evaluatorIds: ['exact'],
      trials,
      paired: false,
    }).comparisons[0]?.verdict;
    expect(verdict).toEqual({
      outcome: 'no-difference',
      text: 'No difference of 5 points or more (p = 1.0)',
      moreRowsNeeded: 0,
    });
  });
});

describe('compareVariants, summaries', () => {
  it('counts failed runs as failing every evaluator and missing results as fails', () => {
    const trials: TrialOutcome[] = [
      trial('A', 'r1', {
        results: [
          { evaluatorId: 'exact', pass: true, score: 1 },
          { evaluatorId: 'judge', pass: true, score: 0.5 },
        ],
      }),
      trial('A', 'r2', { results: [{ evaluatorId: 'exact', pass: true, score: 1 }] }),
      trial('A', 'r3', { status: 'failed', results: [{ evaluatorId: 'exact', pass: true, score: 1 }] }),
      trial('A', 'r4', {
        results: [
          { evaluatorId: 'exact', pass: true, score: 1 },
          { evaluatorId: 'judge', pass: true, score: 0.9, error: 'judge unreachable' },
        ],
      }),
    ];
    const [summary] = compareVariants({
      variants: ['A'],
      evaluatorIds: ['exact', 'judge'],
      trials,
      paired: true,
    }).variants;
    expect(summary?.n).toBe(4);
    expect(summary?.runFailures).toBe(1);
    expect(summary?.passRate).toMatchObject({ passes: 1, value: 0.25 });
    // Trial scores: (1 + 0.5)/2, (1 + 0)/2, 0, (1 + 0)/2 → mean 0.4375.
    expect(summary?.meanScore.value).toBeCloseTo(0.4375, 15);
    expect(summary?.evaluators.map((e) => [e.evaluatorId, e.passRate.passes])).toEqual([
      ['exact', 3],
      ['judge', 1],
    ]);
  });

  it('passes a trial without evaluators when its run succeeded', () => {
    const trials = [
      trial('A', 'r1', { results: [] }),
      trial('A', 'r2', { status: 'cancelled', results: [] }),
    ];
    const [summary] = compareVariants({ variants: ['A'], evaluatorIds: [], trials, paired: true }).variants;
    expect(summary?.passRate).toMatchObject({ passes: 1, n: 2 });
    expect(summary?.meanScore.value).toBe(0.5);
  });

  it('ignores null latencies and nulls the cost when any cost is unknown', () => {
    const trials = [
      trial('A', 'r1', { latencyMs: 100 }),
      trial('A', 'r2', { latencyMs: null }),
      trial('A', 'r3', { latencyMs: 300, costUsd: null }),
      trial('B', 'r1', { latencyMs: null }),
      trial('B', 'r2', { latencyMs: null }),
    ];
    const report = compareVariants({ variants: ['A', 'B'], evaluatorIds: ['exact'], trials, paired: true });
    const [a, b] = report.variants;
    expect(a?.latencyMs).toMatchObject({ p50: 200, mean: { value: 200, n: 2 } });
    expect(a?.latencyMs.p95).toBeCloseTo(290, 12);
    expect(a?.costPerRunUsd).toEqual({ value: null, low: null, high: null, n: 3 });
    expect(b?.latencyMs).toEqual({
      p50: null,
      p95: null,
      mean: { value: null, low: null, high: null, n: 0 },
    });
    expect(b?.costPerRunUsd.value).toBeCloseTo(0.001, 15);
    expect(a?.tokensPerRun).toMatchObject({ value: 15, low: 15, high: 15 });
    const latency = report.comparisons[0]?.tests.find((t) => t.metric === 'latency');
    expect(latency).toMatchObject({ n: 0, pValue: null, adjustedP: null, difference: null });
  });

  it('gives an empty variant null estimates', () => {
    const report = compareVariants({
      variants: ['A', 'B'],
      evaluatorIds: ['exact'],
      trials: rows('A', 12, () => false),
      paired: false,
    });
    expect(report.variants[1]?.passRate).toEqual({ value: null, low: null, high: null, n: 0, passes: 0 });
    expect(report.comparisons[0]?.tests[0]?.pValue).toBeNull();
    expect(report.comparisons[0]?.verdict.outcome).toBe('too-few');
  });

  it('is deterministic for a fixed seed and changes intervals with the seed', () => {
    const trials = [
      ...Array.from({ length: 30 }, (_, i) =>
        trial('A', `r${i}`, { score: ((i * 37) % 11) / 10, latencyMs: 50 + ((i * 13) % 17) }),
      ),
      ...Array.from({ length: 30 }, (_, i) =>
        trial('B', `r${i}`, { score: ((i * 7) % 11) / 10, latencyMs: 60 + ((i * 5) % 19) }),
      ),
    ];
    const input = { variants: ['A', 'B'], evaluatorIds: ['exact'], trials, paired: true, seed: 11 };
    const first = compareVariants(input);
    expect(compareVariants(input)).toEqual(first);
    expect(compareVariants({ ...input, seed: 12 }).variants[0]?.meanScore).not.toEqual(
      first.variants[0]?.meanScore,
    );
  });

  it('validates its options', () => {
    const base = { evaluatorIds: [], trials: [], paired: true };
    expect(() => compareVariants({ ...base, variants: [] })).toThrow(/at least one variant/);
    expect(() => compareVariants({ ...base, variants: ['A', 'A'] })).toThrow(/repeat/);
    expect(() => compareVariants({ ...base, variants: ['A'], alpha: 0 })).toThrow(/alpha/);
    expect(() =>
      compareVariants({
        ...base,
        variants: ['A'],
        trials: [trial('A', 'r', { score: Number.NaN })],
        evaluatorIds: ['exact'],
      }),
    ).toThrow(/non-finite score/);
  });
});
