import { describe, expect, it } from 'vitest';
import { verdictSummary } from './verdict';

const comparison = (candidate: string, outcome: 'better' | 'worse' | 'no-difference' | 'too-few') => ({
  baseline: 'A',
  candidate,
  verdict: { outcome, text: `${candidate}: ${outcome}` },
});

describe('verdict headline', () => {
  it('is null before anything was scored', () => {
    expect(verdictSummary(null)).toBeNull();
    expect(verdictSummary({ comparisons: [] })).toBeNull();
  });

  it('leads with a decisive comparison', () => {
    const summary = verdictSummary({
      comparisons: [comparison('B', 'no-difference'), comparison('C', 'better')],
    });
    expect(summary).toEqual({ outcome: 'better', label: 'C is better', text: 'C: better', candidate: 'C' });
    expect(verdictSummary({ comparisons: [comparison('B', 'too-few')] })?.label).toBe('Too little data');
  });
});
