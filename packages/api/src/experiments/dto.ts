import type { Dataset, DatasetRow, Experiment, Trial, TrialCounts } from '@tandem/db';
import { expectedOf } from '@tandem/db';
import { trialPassed, trialScore } from '@tandem/experiments';
import { readExperimentConfig } from './config';
import { type storedResults, trialOutcome } from './report';

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export const datasetDto = (dataset: Dataset & { rowCount: number }) => ({
  id: dataset.id,
  workspaceId: dataset.workspaceId,
  name: dataset.name,
  description: dataset.description,
  rowCount: dataset.rowCount,
  createdBy: dataset.createdBy,
  createdAt: iso(dataset.createdAt),
  updatedAt: iso(dataset.updatedAt),
});

export const datasetRowDto = (row: DatasetRow) => {
  const expected = expectedOf(row);
  return {
    position: row.position,
    inputs: row.inputs,
    hasExpected: expected.present,
    expected: expected.present ? expected.value : null,
  };
};

/**
 * Progress of an experiment: trials done / total and, while a dataset experiment runs, an ETA from the pace so
 * far (a canary has no end to estimate).
 */
export function progressDto(
  experiment: Experiment,
  counts: TrialCounts,
  now: Date,
  kind: 'dataset' | 'canary' | null,
) {
  const done = counts.scored;
  let etaMs: number | null = null;
  if (
    kind === 'dataset' &&
    experiment.status === 'running' &&
    experiment.startedAt &&
    done > 0 &&
    counts.total > done
  ) {
    const elapsed = now.getTime() - experiment.startedAt.getTime();
    etaMs = Math.max(0, Math.round((elapsed / done) * (counts.total - done)));
  }
  return {
    done,
    total: counts.total,
    running: counts.running,
    pending: counts.pending,
    failedRuns: counts.failedRuns,
    etaMs,
  };
}

export const experimentDto = (experiment: Experiment) => {
  const config = readExperimentConfig(experiment.config);
  return {
    id: experiment.id,
    workspaceId: experiment.workspaceId,
    workflowId: experiment.workflowId,
    datasetId: experiment.datasetId,
    name: experiment.name,
    status: experiment.status,
    kind: config.ok ? config.config.kind : null,
    config: config.ok ? config.config : null,
    configError: config.ok ? null : config.message,
    createdBy: experiment.createdBy,
    createdAt: iso(experiment.createdAt),
    startedAt: isoOrNull(experiment.startedAt),
    finishedAt: isoOrNull(experiment.finishedAt),
  };
};

export type TrialCell = {
  variant: string;
  status: Trial['status'];
  runId: string | null;
  runStatus: string | null;
  outputs: Record<string, unknown> | null;
  error: string | null;
  results: ReturnType<typeof storedResults>;
  pass: boolean | null;
  score: number | null;
  latencyMs: number | null;
  costUsd: number | null;
};

/** A trial's cell, passed and scored by the same rules as the comparison (packages/experiments). */
function cellOf(trial: Trial, evaluatorIds: readonly string[]): TrialCell {
  const scored = trial.status === 'scored';
  const outcome = trialOutcome(trial, false);
  return {
    variant: trial.variant,
    status: trial.status,
    runId: trial.runId,
    runStatus: trial.runStatus,
    outputs: trial.outputs ?? null,
    error: trial.error,
    results: outcome.results,
    pass: scored ? trialPassed(outcome, evaluatorIds) : null,
    score: scored ? trialScore(outcome, evaluatorIds) : null,
    latencyMs: trial.latencyMs,
    costUsd: trial.costUsd,
  };
}

/**
 * The row-by-row table: trials of one dataset row and repetition side by side (a canary's trials are one row
 * each: different callers, nothing to pair). `trials` come ordered by row, repetition, variant.
 */
export function trialRows(trials: readonly Trial[], evaluatorIds: readonly string[]) {
  const rows: {
    key: string;
    rowPosition: number | null;
    repetition: number;
    inputs: Record<string, unknown>;
    hasExpected: boolean;
    expected: unknown;
    subject: string | null;
    cells: TrialCell[];
  }[] = [];
  const byKey = new Map<string, (typeof rows)[number]>();
  for (const trial of trials) {
    const key = trial.rowPosition === null ? trial.id : `${trial.rowPosition}#${trial.repetition}`;
    let row = byKey.get(key);
    if (!row) {
      const expected =
        trial.expected && typeof trial.expected === 'object' && 'value' in trial.expected
          ? trial.expected
          : null;
      row = {
        key,
        rowPosition: trial.rowPosition,
        repetition: trial.repetition,
        inputs: trial.inputs,
        hasExpected: expected !== null,
        expected: expected?.value ?? null,
        subject: trial.subject,
        cells: [],
      };
      byKey.set(key, row);
      rows.push(row);
    }
    row.cells.push(cellOf(trial, evaluatorIds));
  }
  for (const row of rows) row.cells.sort((a, b) => (a.variant < b.variant ? -1 : 1));
  return rows;
}
