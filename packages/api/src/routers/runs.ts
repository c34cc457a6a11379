import { UserError } from '@tandem/workflow';
import { z } from 'zod';
import { workflowAccess } from '../access/access';
import type { ApiContext } from '../context';
import { runDto, runEventDto, versionSummaryDto } from '../dto';
import { idInput } from '../inputs';
import { startRun } from '../runs/start-run';
import { authedProcedure, router } from '../trpc';
import { saveDraftVersion } from '../versions/save-draft';

const RUN_NOT_FOUND = 'Run not found. It may belong to a workflow you cannot see.';

/** Run inputs: a JSON object of at most 64 KiB (the input nodes' fields are checked when the run starts). */
const runInputs = z
  .record(z.string(), z.unknown())
  .default({})
  .refine((value) => JSON.stringify(value).length <= 64 * 1024, 'Run inputs are limited to 64 KiB of JSON.');

/** The run and its workflow, if the caller may perform `action` on it (other workspaces' runs are missing). */
async function runAccess(
  ctx: ApiContext & { auth: NonNullable<ApiContext['auth']> },
  runId: string,
  action: 'run.read' | 'run.cancel',
) {
  const { repos } = ctx.services;
  const run = await repos.runs.get(runId);
  if (!run) throw new UserError('NOT_FOUND', RUN_NOT_FOUND);
  try {
    await workflowAccess(repos, ctx.auth.user.id, run.workflowId, action);
  } catch (error) {
    if (error instanceof UserError && error.code === 'NOT_FOUND')
      throw new UserError('NOT_FOUND', RUN_NOT_FOUND);
    throw error;
  }
  return run;
}

export const runsRouter = router({
  /**
   * Runs the live draft: it is saved as a version first (or the newest version with the same content hash is
   * reused), so the run names the exact graph it executes. Inputs are checked against the input nodes.
   */
  start: authedProcedure
    .input(z.object({ workflowId: idInput, inputs: runInputs }))
    .mutation(async ({ ctx, input }) => {
      const { workflow } = await workflowAccess(
        ctx.services.repos,
        ctx.auth.user.id,
        input.workflowId,
        'run.start',
      );
      const { version } = await saveDraftVersion(ctx.services, {
        workflowId: workflow.id,
        createdBy: ctx.auth.user.id,
      });
      const run = await startRun(ctx.services, {
        workspaceId: workflow.workspaceId,
        version,
        inputs: input.inputs,
        trigger: 'manual',
        startedBy: ctx.auth.user.id,
      });
      return { run: runDto(run), version: versionSummaryDto(version) };
    }),

  /** Stops a run: a queued one at once, a running one as soon as its worker sees it (it ends `cancelled`). */
  cancel: authedProcedure.input(z.object({ runId: idInput })).mutation(async ({ ctx, input }) => {
    await runAccess(ctx, input.runId, 'run.cancel');
    const run = await ctx.services.repos.runs.requestCancel(input.runId);
    ctx.services.runQueue.cancel(input.runId);
    if (!run) throw new UserError('NOT_FOUND', RUN_NOT_FOUND);
    return runDto(run);
  }),

  /** The workflow's runs, newest first (the live timeline is on the `workflow:<id>:runs` document). */
  list: authedProcedure
    .input(z.object({ workflowId: idInput, limit: z.number().int().min(1).max(200).default(50) }))
    .query(async ({ ctx, input }) => {
      const { repos } = ctx.services;
      await workflowAccess(repos, ctx.auth.user.id, input.workflowId, 'run.list');
      return (await repos.runs.listForWorkflow(input.workflowId, { limit: input.limit })).map(runDto);
    }),

  /** One run with every stored event (the source of truth; the runs document is a bounded live view). */
  get: authedProcedure
    .input(z.object({ runId: idInput, afterSeq: z.number().int().min(-1).optional() }))
    .query(async ({ ctx, input }) => {
      const run = await runAccess(ctx, input.runId, 'run.read');
      const events = await ctx.services.repos.runEvents.list(
        run.id,
        input.afterSeq === undefined ? {} : { afterSeq: input.afterSeq },
      );
      return { run: runDto(run), events: events.map(runEventDto) };
    }),
});
