import { type Experiment, expectedOf, type NewTrial, type Repositories } from '@tandem/db';
import { validateInputs } from '@tandem/engine';
import { UserError } from '@tandem/workflow';
import { coerceInputs } from './coerce-inputs';
import type { DatasetExperimentConfig } from './config';

/** Runs one experiment may make (variants × rows × repetitions). */
export const MAX_TRIALS = 20_000;

/**
 * Starts a draft dataset experiment: copies the dataset's rows into one trial per variant × row × repetition
 * (so later edits of the dataset do not change what is measured) and marks it running, in one transaction;
 * the experiment driver then feeds the trials to the run queue. Every row is checked against every variant's
 * input fields first: a row that one version cannot run is a BAD_REQUEST naming the row and field.
 */
export async function startDatasetExperiment(
  services: { transact: <T>(work: (repos: Repositories) => Promise<T>) => Promise<T>; repos: Repositories },
  experiment: Experiment,
  config: DatasetExperimentConfig,
): Promise<Experiment> {
  const { repos } = services;
  if (!experiment.datasetId)
    throw new UserError(
      'BAD_REQUEST',
      'The experiment has no dataset (it was deleted). Create a new experiment.',
    );
  const rows = await repos.datasets.rows(experiment.datasetId);
  if (rows.length === 0)
    throw new UserError('BAD_REQUEST', 'The dataset has no rows. Add rows before starting.');
  const total = rows.length * config.variants.length * config.repetitions;
  if (total > MAX_TRIALS) {
    throw new UserError(
      'BAD_REQUEST',
      `This experiment would make ${total} runs; the limit is ${MAX_TRIALS}. Use fewer rows or repetitions.`,
    );
  }
  const trials: NewTrial[] = [];
  for (const variant of config.variants) {
    const version = await repos.versions.get(variant.versionId);
    if (!version || version.workflowId !== experiment.workflowId) {
      throw new UserError(
        'BAD_REQUEST',
        `Variant ${variant.key}'s version is not a version of this workflow.`,
      );
    }
    for (const row of rows) {
      const checked = validateInputs(version.definition, coerceInputs(version.definition, row.inputs));
      if (!checked.ok) {
        throw new UserError(
          'BAD_REQUEST',
          `Row ${row.position + 1} cannot run on variant ${variant.key} (v${version.number}): ${checked.message}`,
          [{ path: `rows.${row.position}.inputs.${checked.field}`, message: checked.message }],
        );
      }
      const expected = expectedOf(row);
      for (let repetition = 0; repetition < config.repetitions; repetition++) {
        trials.push({
          experimentId: experiment.id,
          variant: variant.key,
          rowPosition: row.position,
          repetition,
          inputs: checked.inputs,
          expected: expected.present ? { value: expected.value } : null,
        });
      }
    }
  }
  return services.transact(async (tx) => {
    const started = await tx.experiments.setStatus(experiment.id, 'running', ['draft']);
    if (!started) throw new UserError('CONFLICT', 'The experiment has already been started.');
    await tx.experiments.insertTrials(trials);
    return started;
  });
}
