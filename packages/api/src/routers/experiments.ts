import { type Experiment, TERMINAL_RUN_STATUSES } from '@tandem/db';
import { type ComparisonReport, evaluatorListSchema } from '@tandem/experiments';
import { UserError } from '@tandem/workflow';
import { z } from 'zod';
import { ownedResourceAccess, workflowAccess, workspaceAccess } from '../access/access';
import type { Action } from '../access/policy';
import type { ApiContext } from '../context';
import { type ExperimentConfig, readExperimentConfig, VARIANT_KEYS } from '../experiments/config';
import { experimentDto, progressDto, trialRows } from '../experiments/dto';
import { experimentReport } from '../experiments/report';
import { startDatasetExperiment } from '../experiments/start-experiment';
import { idInput } from '../inputs';
import { authedProcedure, router } from '../trpc';

const EXPERIMENT_NOT_FOUND = 'Experiment not found. It may have been deleted, or it is in another workspace.';

type AuthedContext = ApiContext & { auth: NonNullable<ApiContext['auth']> };

export async function experimentAccess(
  ctx: AuthedContext,
  experimentId: string,
  action: Action,
): Promise<Experiment> {
  const { repos } = ctx.services;
  const experiment = await repos.experiments.get(experimentId);
  await ownedResourceAccess(repos, ctx.auth.user.id, experiment, action, EXPERIMENT_NOT_FOUND);
  if (!experiment) throw new UserError('NOT_FOUND', EXPERIMENT_NOT_FOUND);
  return experiment;
}

export function configOf(experiment: Experiment) {
  const read = readExperimentConfig(experiment.config);
  if (!read.ok) throw new UserError('CONFLICT', read.message);
  return read.config;
}

/** Cancels the runs an experiment still has queued or running (they end `cancelled`, and are scored as such). */
export async function cancelExperimentRuns(ctx: AuthedContext, experimentId: string): Promise<void> {
  const { repos, runQueue } = ctx.services;
  for (const runId of await repos.experiments.runningRunIds(experimentId)) {
    const run = await repos.runs.get(runId);
    if (!run || TERMINAL_RUN_STATUSES.includes(run.status)) continue;
    await repos.runs.requestCancel(runId);
    runQueue.cancel(runId);
  }
}

/**
 * Reports by experiment, scored count and config: a comparison of thousands of trials (bootstrap intervals)
 * takes tens of milliseconds, and every collaborator's page asks for it while an experiment runs. Trials
 * are only ever added or scored, never changed, so an entry is valid until the scored count moves.
 */
const reportCache = new Map<string, ComparisonReport>();
const REPORT_CACHE_SIZE = 64;

async function cachedReport(
  ctx: AuthedContext,
  experiment: Experiment,
  config: ExperimentConfig,
  scored: number,
) {
  const key = `${experiment.id}:${scored}:${JSON.stringify(config)}`;
  const hit = reportCache.get(key);
  if (hit) return hit;
  const report = experimentReport(
    experiment.id,
    config,
    await ctx.services.repos.experiments.scored(experiment.id),
  );
  if (reportCache.size >= REPORT_CACHE_SIZE) {
    const oldest = reportCache.keys().next().value;
    if (oldest !== undefined) reportCache.delete(oldest);
  }
  reportCache.set(key, report);
  return report;
}

/** Progress and, once a trial is scored, the comparison of an experiment. */
export async function experimentView(ctx: AuthedContext, experiment: Experiment) {
  const { repos } = ctx.services;
  const counts = await repos.experiments.counts(experiment.id);
  const read = readExperimentConfig(experiment.config);
  const report =
    read.ok && counts.scored > 0 ? await cachedReport(ctx, experiment, read.config, counts.scored) : null;
  return {
    experiment: experimentDto(experiment),
    progress: progressDto(experiment, counts, new Date(), read.ok ? read.config.kind : null),
    report,
  };
}

export const experimentsRouter = router({
  /** A workspace's experiments (or one workflow's), newest first, with their progress. */
  list: authedProcedure
    .input(z.object({ workspaceId: idInput, workflowId: idInput.optional() }))
    .query(async ({ ctx, input }) => {
      const { repos } = ctx.services;
      await workspaceAccess(repos, ctx.auth.user.id, input.workspaceId, 'experiment.list');
      const experiments = await repos.experiments.listByWorkspace(
        input.workspaceId,
        input.workflowId ? { workflowId: input.workflowId } : {},
      );
      const now = new Date();
      return Promise.all(
        experiments.map(async (experiment) => ({
          ...experimentDto(experiment),
          progress: progressDto(
            experiment,
            await repos.experiments.counts(experiment.id),
            now,
            experimentDto(experiment).kind,
          ),
        })),
      );
    }),

  get: authedProcedure.input(z.object({ experimentId: idInput })).query(async ({ ctx, input }) => {
    const experiment = await experimentAccess(ctx, input.experimentId, 'experiment.read');
    return experimentView(ctx, experiment);
  }),

  /** The row-by-row table: each dataset row (and repetition) with every variant's output and verdicts. */
  rows: authedProcedure
    .input(
      z.object({
        experimentId: idInput,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(async ({ ctx, input }) => {
      const experiment = await experimentAccess(ctx, input.experimentId, 'experiment.read');
      const config = configOf(experiment);
      // Dataset experiments have one trial per variant per row: page in whole rows.
      const width = config.kind === 'dataset' ? config.variants.length : 1;
      const trials = await ctx.services.repos.experiments.trials(experiment.id, {
        offset: input.offset * width,
        limit: input.limit * width,
      });
      return {
        rows: trialRows(
          trials,
          config.evaluators.map((evaluator) => evaluator.id),
        ),
      };
    }),

  /**
   * A dataset experiment: two to four versions of the workflow × a dataset × repetitions, scored by the
   * evaluators. `start: true` starts it at once; otherwise it stays a draft until `start`.
   */
  create: authedProcedure
    .input(
      z.object({
        workflowId: idInput,
        name: z.string().trim().min(1, 'Give the experiment a name.').max(120, 'Use at most 120 characters.'),
        datasetId: idInput,
        versionIds: z
          .array(idInput)
          .min(2, 'Choose at least two versions to compare.')
          .max(VARIANT_KEYS.length, `Compare at most ${VARIANT_KEYS.length} versions.`),
        repetitions: z.number().int().min(1).max(20).default(1),
        concurrency: z.number().int().min(1).max(32).default(4),
        evaluators: evaluatorListSchema,
        minEffect: z.number().min(0.01).max(0.5).default(0.05),
        start: z.boolean().default(false),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { repos } = ctx.services;
      const { workflow } = await workflowAccess(
        repos,
        ctx.auth.user.id,
        input.workflowId,
        'experiment.write',
      );
      const dataset = await repos.datasets.get(input.datasetId);
      if (!dataset || dataset.workspaceId !== workflow.workspaceId) {
        throw new UserError('BAD_REQUEST', 'Dataset not found in this workspace.', [
          { path: 'datasetId', message: 'Dataset not found in this workspace.' },
        ]);
      }
      for (const [index, versionId] of input.versionIds.entries()) {
        const version = await repos.versions.get(versionId);
        if (!version || version.workflowId !== workflow.id) {
          const message = `Version ${VARIANT_KEYS[index]} is not a version of this workflow.`;
          throw new UserError('BAD_REQUEST', message, [{ path: `versionIds.${index}`, message }]);
        }
      }
      const config = {
        kind: 'dataset' as const,
        variants: input.versionIds.map((versionId, index) => ({
          key: VARIANT_KEYS[index] ?? 'D',
          versionId,
        })),
        repetitions: input.repetitions,
        concurrency: input.concurrency,
        evaluators: input.evaluators,
        minEffect: input.minEffect,
      };
      let experiment = await repos.experiments.create({
        workspaceId: workflow.workspaceId,
        workflowId: workflow.id,
        name: input.name,
        config,
        datasetId: dataset.id,
        createdBy: ctx.auth.user.id,
      });
      if (input.start) {
        try {
          experiment = await startDatasetExperiment(ctx.services, experiment, config);
        } catch (error) {
          // Nothing half-made is left behind: the draft goes with the refusal.
          await repos.experiments.delete(experiment.id);
          throw error;
        }
      }
      return experimentView(ctx, experiment);
    }),

  start: authedProcedure.input(z.object({ experimentId: idInput })).mutation(async ({ ctx, input }) => {
    const experiment = await experimentAccess(ctx, input.experimentId, 'experiment.write');
    const config = configOf(experiment);
    if (config.kind !== 'dataset')
      throw new UserError('BAD_REQUEST', 'A canary starts from the canary panel.');
    return experimentView(ctx, await startDatasetExperiment(ctx.services, experiment, config));
  }),

  /** Stops an experiment: no new runs start, runs under way are cancelled; what was scored stays. */
  cancel: authedProcedure.input(z.object({ experimentId: idInput })).mutation(async ({ ctx, input }) => {
    const experiment = await experimentAccess(ctx, input.experimentId, 'experiment.write');
    const cancelled = await ctx.services.repos.experiments.setStatus(experiment.id, 'cancelled', [
      'draft',
      'running',
    ]);
    if (!cancelled) throw new UserError('CONFLICT', `The experiment is already ${experiment.status}.`);
    await cancelExperimentRuns(ctx, experiment.id);
    return experimentView(ctx, cancelled);
  }),

  rename: authedProcedure
    .input(z.object({ experimentId: idInput, name: z.string().trim().min(1).max(120) }))
    .mutation(async ({ ctx, input }) => {
      await experimentAccess(ctx, input.experimentId, 'experiment.write');
      const renamed = await ctx.services.repos.experiments.rename(input.experimentId, input.name);
      if (!renamed) throw new UserError('NOT_FOUND', EXPERIMENT_NOT_FOUND);
      return experimentDto(renamed);
    }),

  /** Deletes a finished or draft experiment with its trials (its runs stay in the workflow's history). */
  delete: authedProcedure.input(z.object({ experimentId: idInput })).mutation(async ({ ctx, input }) => {
    const experiment = await experimentAccess(ctx, input.experimentId, 'experiment.write');
    if (experiment.status === 'running')
      throw new UserError('CONFLICT', 'Cancel the experiment before deleting it.');
    await ctx.services.repos.experiments.delete(experiment.id);
    return { ok: true as const };
  }),
});
