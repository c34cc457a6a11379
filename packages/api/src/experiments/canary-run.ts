import type { Experiment, Repositories, Run } from '@tandem/db';
import { validateInputs } from '@tandem/engine';
import { assignVariant } from '@tandem/experiments';
import { UserError } from '@tandem/workflow';
import type { RunQueue } from '../runs/run-queue';
import { coerceInputs } from './coerce-inputs';
import type { CanaryConfig } from './config';

/**
 * Runs one HTTP-trigger call under a canary: the caller's `subject` picks the variant (the same subject always
 * gets the same one while the canary's percentage stays put), the run is created with its trial in one
 * transaction (so it is counted exactly once) and queued. Inputs are checked against the chosen version.
 */
export async function startCanaryRun(
  services: {
    transact: <T>(work: (repos: Repositories) => Promise<T>) => Promise<T>;
    repos: Pick<Repositories, 'versions'>;
    runQueue: RunQueue;
  },
  input: {
    workspaceId: string;
    canary: Experiment;
    config: CanaryConfig;
    subject: string;
    /** Whether the caller sent the subject (else it was drawn at random for this call). */
    subjectGiven: boolean;
    inputs: Record<string, unknown>;
  },
): Promise<{ run: Run; variant: string }> {
  const side = assignVariant({
    canaryId: input.canary.id,
    subject: input.subject,
    percent: input.config.percent,
  });
  const variant = input.config.variants[side === 'candidate' ? 1 : 0];
  const version = await services.repos.versions.get(variant.versionId);
  if (!version)
    throw new UserError('CONFLICT', `The canary's version ${variant.key} is gone. Stop the canary.`);
  const checked = validateInputs(version.definition, coerceInputs(version.definition, input.inputs));
  if (!checked.ok) {
    throw new UserError('BAD_REQUEST', checked.message, [
      { path: `inputs.${checked.field}`, message: checked.message },
    ]);
  }
  const run = await services.transact(async (tx) => {
    const created = await tx.runs.create({
      workflowId: version.workflowId,
      versionId: version.id,
      trigger: 'canary',
      inputs: checked.inputs,
      startedBy: null,
      experimentId: input.canary.id,
      variant: variant.key,
    });
    await tx.experiments.insertTrials([
      {
        experimentId: input.canary.id,
        variant: variant.key,
        rowPosition: null,
        repetition: 0,
        inputs: checked.inputs,
        expected: null,
        subject: input.subjectGiven ? input.subject : null,
        status: 'running',
        runId: created.id,
      },
    ]);
    return created;
  });
  await services.runQueue.enqueue({ runId: run.id, workspaceId: input.workspaceId });
  return { run, variant: variant.key };
}
