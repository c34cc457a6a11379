import { describe, expect, it } from 'vitest';
import { assignVariant, bucketOf, canaryPercentSchema, subjectSchema } from './split';

const N = 2000;
const subjects = Array.from({ length: N }, (_, i) => `user-${i}`);

/** Four binomial standard deviations: a correct hash leaves this band about once in 16 000 runs. */
function fourSigma(p: number, n: number): number {
  return 4 * Math.sqrt((p * (1 - p)) / n);
}

function candidateShare(canaryId: string, percent: number): number {
  return (
    subjects.filter((subject) => assignVariant({ canaryId, subject, percent }) === 'candidate').length / N
  );
}

describe('assignVariant', () => {
  it('is sticky: the same subject always gets the same variant', () => {
    for (const subject of ['user-1', 'user-2', 'anonymous:abc', 'é']) {
      const first = assignVariant({ canaryId: 'c1', subject, percent: 50 });
      for (let i = 0; i < 100; i++)
        expect(assignVariant({ canaryId: 'c1', subject, percent: 50 })).toBe(first);
    }
  });

  it.each([10, 50, 1.5, 90])('sends about %s%% of 2 000 subjects to the candidate', (percent) => {
    const p = percent / 100;
    expect(Math.abs(candidateShare('canary-a', percent) - p)).toBeLessThanOrEqual(fourSigma(p, N));
  });

  it('never picks the candidate at 0% and always at 100%', () => {
    expect(candidateShare('canary-a', 0)).toBe(0);
    expect(candidateShare('canary-a', 100)).toBe(1);
  });

  it('reshuffles subjects between canaries: overlap of two 50% candidates is about 25%', () => {
    const both = subjects.filter(
      (subject) =>
        assignVariant({ canaryId: 'canary-a', subject, percent: 50 }) === 'candidate' &&
        assignVariant({ canaryId: 'canary-b', subject, percent: 50 }) === 'candidate',
    ).length;
    expect(Math.abs(both / N - 0.25)).toBeLessThanOrEqual(fourSigma(0.25, N));
  });

  it('is monotone: raising the percentage only moves subjects from baseline to candidate', () => {
    const steps = [0, 0.01, 1, 5, 10, 25.5, 50, 75, 99.99, 100];
    for (const subject of subjects) {
      let wasCandidate = false;
      for (const percent of steps) {
        const isCandidate = assignVariant({ canaryId: 'canary-m', subject, percent }) === 'candidate';
        if (wasCandidate) expect(isCandidate).toBe(true);
        wasCandidate = isCandidate;
      }
    }
  });

  it('spreads buckets uniformly (chi-square over 10 bins of 10 000 subjects, p > 0.0001)', () => {
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const b = Math.floor(bucketOf('uniform', `s${i}`) / 1000);
      bins[b] = (bins[b] ?? 0) + 1;
    }
    const chi2 = bins.reduce((sum, observed) => sum + (observed - 1000) ** 2 / 1000, 0);
    expect(chi2).toBeLessThan(33.72); // the 0.9999 quantile of chi-square with 9 degrees of freedom
  });

  it('keeps id and subject apart: ("ab", "c") and ("a", "bc") hash differently', () => {
    expect(bucketOf('ab', 'c')).not.toBe(bucketOf('a', 'bc'));
  });

  it('refuses percentages outside [0, 100] or finer than 0.01', () => {
    for (const percent of [-1, 100.01, 12.345, Number.NaN]) {
      expect(() => assignVariant({ canaryId: 'c', subject: 's', percent })).toThrow(RangeError);
    }
    expect(assignVariant({ canaryId: 'c', subject: 's', percent: 33.33 })).toMatch(/baseline|candidate/);
  });
});

describe('subjectSchema and canaryPercentSchema', () => {
  it('accept 1..256 characters and refuse the rest', () => {
    expect(subjectSchema.safeParse('u').success).toBe(true);
    expect(subjectSchema.safeParse('x'.repeat(256)).success).toBe(true);
    expect(subjectSchema.safeParse('').success).toBe(false);
    expect(subjectSchema.safeParse('x'.repeat(257)).success).toBe(false);
  });

  it('accept percentages with two decimals only', () => {
    expect(canaryPercentSchema.safeParse(12.34).success).toBe(true);
    expect(canaryPercentSchema.safeParse(12.345).error?.issues[0]?.message).toBe(
      'percent has at most two decimals',
    );
    expect(canaryPercentSchema.safeParse(101).success).toBe(false);
  });
});
