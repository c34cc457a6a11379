import { describe, expect, it } from 'vitest';
import { holmAdjust, pairedProportionSampleSize, twoProportionSampleSize } from './power';

describe('twoProportionSampleSize', () => {
  it('matches R power.prop.test', () => {
    // R documentation of power.prop.test: power.prop.test(p1 = .50, p2 = .75, power = .90) → n = 76.7.
    expect(twoProportionSampleSize({ p1: 0.5, effect: 0.25, power: 0.9 })).toBeCloseTo(76.7, 1);
    // power.prop.test(p1 = .5, p2 = .6, power = .8) → n = 387.3 (the classic "about 388 per group").
    expect(twoProportionSampleSize({ p1: 0.5, effect: 0.1 })).toBeCloseTo(387.3, 1);
  });

  it('keeps p2 inside [0, 1] by moving towards ½', () => {
    // p1 = 1, p2 = 0.95 by hand: p̄ = 0.975, (1.95996·√0.04875 + 0.84162·√0.0475)² / 0.0025 = 151.9.
    expect(twoProportionSampleSize({ p1: 1, effect: 0.05 })).toBeCloseTo(151.9, 1);
    expect(twoProportionSampleSize({ p1: 0, effect: 0.05 })).toBeCloseTo(151.9, 1);
    expect(() => twoProportionSampleSize({ p1: 0.5, effect: 0 })).toThrow(/effect/);
  });
});

describe('pairedProportionSampleSize', () => {
  it("follows Connor's (1987) formula (computed by hand)", () => {
    // ψ = 0.2, δ = 0.1: (1.959964·√0.2 + 0.841621·√0.19)² / 0.01 = (0.876523 + 0.366859)² / 0.01 = 154.6.
    expect(pairedProportionSampleSize({ discordantRate: 0.2, effect: 0.1 })).toBeCloseTo(154.6, 1);
  });

  it('floors the discordant rate at the effect so zero discordance still needs rows', () => {
    // ψ = δ = 0.05: (1.959964·√0.05 + 0.841621·√0.0475)² / 0.0025 = 154.6.
    const n = pairedProportionSampleSize({ discordantRate: 0, effect: 0.05 });
    expect(n).toBeCloseTo(154.6, 1);
    expect(pairedProportionSampleSize({ discordantRate: 0.05, effect: 0.05 })).toBe(n);
    expect(() => pairedProportionSampleSize({ discordantRate: 1.2, effect: 0.05 })).toThrow(/discordantRate/);
  });
});

describe('holmAdjust', () => {
  it("matches R's p.adjust(method = 'holm')", () => {
    // p.adjust(c(0.01, 0.04, 0.03), "holm") = 0.03 0.06 0.06.
    const adjusted = holmAdjust([0.01, 0.04, 0.03]);
    expect(adjusted[0]).toBeCloseTo(0.03, 15);
    expect(adjusted[1]).toBeCloseTo(0.06, 15);
    expect(adjusted[2]).toBeCloseTo(0.06, 15);
    // p.adjust(c(0.5, 0.9), "holm") = 1.0 1.0 (capped at 1).
    expect(holmAdjust([0.5, 0.9])).toEqual([1, 1]);
  });

  it('keeps a single p-value and skips nulls', () => {
    expect(holmAdjust([0.02])).toEqual([0.02]);
    expect(holmAdjust([null, 0.02, 0.03])).toEqual([null, 0.04, 0.04]);
    expect(holmAdjust([])).toEqual([]);
    expect(() => holmAdjust([Number.NaN])).toThrow(/holmAdjust/);
  });
});
