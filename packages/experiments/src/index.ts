export { assignVariant, subjectSchema } from './canary/split';
export { compareVariants } from './compare/compare';
export type {
  ComparisonReport,
  Estimate,
  EvaluatorSummary,
  MetricTest,
  RateEstimate,
  TestName,
  VariantComparison,
  VariantSummary,
  Verdict,
  VerdictOutcome,
} from './compare/report';
export { trialPassed, trialScore } from './compare/trial-metrics';
export type { TrialOutcome } from './compare/types';
export { CsvError, parseCsv } from './datasets/csv';
export { type ImportedRow, type ImportResult, rowsFromCsv, rowsFromJson } from './datasets/import-rows';
export { evaluateRun } from './evaluators/evaluate';
export { type Evaluator, evaluatorListSchema, evaluatorSchema } from './evaluators/schema';
export type { EvaluatorResult, JudgePort, RunOutcome } from './evaluators/types';
