import type { Repositories, Run, RunTrigger, Version } from '@tandem/db';
import { validateInputs } from '@tandem/engine';
import { UserError } from '@tandem/workflow';
import type { RunQueue } from './run-queue';

/**
 * Queues a run of `version` with `inputs`, checked against the version's input fields first (BAD_REQUEST
 * naming the field), and wakes a worker. The run names the exact version it executes.
 */
export async function startRun(
  services: { repos: Pick<Repositories, 'runs'>; runQueue: RunQueue },
  input: {
    workspaceId: string;
    version: Version;
    inputs: Record<string, unknown>;
    trigger: RunTrigger;
    startedBy: string | null;
  },
): Promise<Run> {
  const checked = validateInputs(input.version.definition, input.inputs);
  if (!checked.ok) {
    throw new UserError('BAD_REQUEST', checked.message, [
      { path: `inputs.${checked.field}`, message: checked.message },
    ]);
  }
  const run = await services.repos.runs.create({
    workflowId: input.version.workflowId,
    versionId: input.version.id,
    trigger: input.trigger,
    inputs: checked.inputs,
    startedBy: input.startedBy,
  });
  await services.runQueue.enqueue({ runId: run.id, workspaceId: input.workspaceId });
  return run;
}
