import type { TrpcClient } from '../trpc/client';

type Answer<F> = F extends (...args: never[]) => Promise<infer R> ? R : never;

export type DatasetView = Answer<TrpcClient['datasets']['list']['query']>[number];
export type DatasetDetail = Answer<TrpcClient['datasets']['get']['query']>;
export type ExperimentListItem = Answer<TrpcClient['experiments']['list']['query']>[number];
export type ExperimentDetail = Answer<TrpcClient['experiments']['get']['query']>;
export type ExperimentView = ExperimentDetail['experiment'];
export type ExperimentReport = NonNullable<ExperimentDetail['report']>;
export type VariantSummaryView = ExperimentReport['variants'][number];
export type VariantComparisonView = ExperimentReport['comparisons'][number];
export type ExperimentProgressView = ExperimentDetail['progress'];
export type TrialRowView = Answer<TrpcClient['experiments']['rows']['query']>['rows'][number];
export type TrialCellView = TrialRowView['cells'][number];
export type ExperimentStatus = ExperimentView['status'];
