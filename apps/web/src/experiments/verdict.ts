/** The headline of a comparison report: which candidate won, in a badge and a sentence. */

export type VerdictOutcome = 'better' | 'worse' | 'no-difference' | 'too-few';
type ComparisonLike = {
  candidate: string;
  baseline: string;
  verdict: { outcome: VerdictOutcome; text: string };
};

export type VerdictSummary = {
  outcome: VerdictOutcome;
  label: string;
  text: string;
  candidate: string | null;
};

const RANK: Record<VerdictOutcome, number> = { better: 0, worse: 1, 'no-difference': 2, 'too-few': 3 };

/** One headline for a report: a decisive comparison first (better, then worse), else the first one. */
export function verdictSummary(
  report: { comparisons: readonly ComparisonLike[] } | null,
): VerdictSummary | null {
  if (!report || report.comparisons.length === 0) return null;
  const sorted = [...report.comparisons].sort((a, b) => RANK[a.verdict.outcome] - RANK[b.verdict.outcome]);
  const top = sorted[0];
  if (!top) return null;
  return {
    outcome: top.verdict.outcome,
    label: verdictLabel(top),
    text: top.verdict.text,
    candidate: top.candidate,
  };
}

export function verdictLabel(comparison: ComparisonLike): string {
  switch (comparison.verdict.outcome) {
    case 'better':
      return `${comparison.candidate} is better`;
    case 'worse':
      return `${comparison.candidate} is worse`;
    case 'no-difference':
      return 'No clear difference';
    case 'too-few':
      return 'Too little data';
  }
}

export const STATUS_LABEL: Record<string, string> = {
  draft: 'Draft',
  running: 'Running',
  completed: 'Completed',
  cancelled: 'Cancelled',
};
