import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed } from './random';

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const seqA = Array.from({ length: 5 }, () => a.nextFloat());
    expect(Array.from({ length: 5 }, () => b.nextFloat())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.nextFloat())).not.toEqual(seqA);
  });

  it('stays in [0, 1) with a mean near ½', () => {
    const random = createRandom(1);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = random.nextFloat();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('rejects a non-finite seed', () => {
    expect(() => createRandom(Number.NaN)).toThrow(/seed/);
  });
});

describe('deriveSeed', () => {
  it('is stable and separates labels', () => {
    expect(deriveSeed(1, 'A', 'score')).toBe(deriveSeed(1, 'A', 'score'));
    expect(deriveSeed(1, 'A', 'score')).not.toBe(deriveSeed(1, 'A', 'latency'));
    expect(deriveSeed(1, 'A', 'score')).not.toBe(deriveSeed(2, 'A', 'score'));
  });
});
