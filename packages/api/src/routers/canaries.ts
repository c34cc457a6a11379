import { evaluatorListSchema } from '@tandem/experiments';
import { UserError } from '@tandem/workflow';
import { z } from 'zod';
import { workflowAccess } from '../access/access';
import { idInput } from '../inputs';
import { authedProcedure, router } from '../trpc';
import { configOf, experimentAccess, experimentView } from './experiments';

const percentInput = z
  .number()
  .min(0, 'Use 0 to 100 percent.')
  .max(100, 'Use 0 to 100 percent.')
  .refine((value) => Math.round(value * 100) === value * 100, 'Use at most two decimals.');

export const canariesRouter = router({
  /** The workflow's running canary with its live comparison, or null. */
  active: authedProcedure.input(z.object({ workflowId: idInput })).query(async ({ ctx, input }) => {
    await workflowAccess(ctx.services.repos, ctx.auth.user.id, input.workflowId, 'experiment.read');
    const canary = await ctx.services.repos.experiments.activeCanary(input.workflowId);
    return canary ? experimentView(ctx, canary) : null;
  }),

  /**
   * Sends `percent` of the HTTP trigger's calls to `candidateVersionId` (sticky per caller `subject`), the rest
   * to the pinned version, and compares the two on production traffic. One canary per workflow at a time.
   */
  start: authedProcedure
    .input(
      z.object({
        workflowId: idInput,
        candidateVersionId: idInput,
        percent: percentInput,
        name: z.string().trim().min(1).max(120).optional(),
        evaluators: evaluatorListSchema.default([]),
        minEffect: z.number().min(0.01).max(0.5).default(0.05),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { repos } = ctx.services;
      const { workflow } = await workflowAccess(repos, ctx.auth.user.id, input.workflowId, 'canary.manage');
      if (!workflow.pinnedVersionId) {
        throw new UserError(
          'BAD_REQUEST',
          'Pin a version first: a canary splits traffic between the pinned version and a candidate.',
        );
      }
      if (workflow.pinnedVersionId === input.candidateVersionId) {
        throw new UserError(
          'BAD_REQUEST',
          'The candidate is the pinned version already. Choose another version.',
        );
      }
      const [baseline, candidate] = await Promise.all([
        repos.versions.get(workflow.pinnedVersionId),
        repos.versions.get(input.candidateVersionId),
      ]);
      if (!candidate || candidate.workflowId !== workflow.id) {
        throw new UserError('BAD_REQUEST', 'The candidate is not a version of this workflow.', [
          { path: 'candidateVersionId', message: 'Not a version of this workflow.' },
        ]);
      }
      if (!baseline) throw new UserError('CONFLICT', 'The pinned version is gone. Pin another version.');
      const canary = await ctx.services.transact(async (tx) => {
        if (await tx.experiments.activeCanary(workflow.id)) {
          throw new UserError(
            'CONFLICT',
            'This workflow already has a running canary. Stop or promote it first.',
          );
        }
        const created = await tx.experiments.create({
          workspaceId: workflow.workspaceId,
          workflowId: workflow.id,
          name: input.name ?? `Canary v${baseline.number} → v${candidate.number}`,
          config: {
            kind: 'canary',
            variants: [
              { key: 'A', versionId: baseline.id },
              { key: 'B', versionId: candidate.id },
            ],
            percent: input.percent,
            evaluators: input.evaluators,
            minEffect: input.minEffect,
          },
          createdBy: ctx.auth.user.id,
          status: 'draft',
        });
        const started = await tx.experiments.setStatus(created.id, 'running', ['draft']);
        if (!started) throw new Error('a new canary could not be started');
        return started;
      });
      return experimentView(ctx, canary);
    }),

  /** Ramps the candidate's share up or down; callers keep their side unless the change moves them across. */
  setPercent: authedProcedure
    .input(z.object({ experimentId: idInput, percent: percentInput }))
    .mutation(async ({ ctx, input }) => {
      const canary = await experimentAccess(ctx, input.experimentId, 'canary.manage');
      const config = configOf(canary);
      if (config.kind !== 'canary' || canary.status !== 'running')
        throw new UserError('BAD_REQUEST', 'Only a running canary has a percentage.');
      const updated = await ctx.services.repos.experiments.updateConfig(canary.id, {
        ...config,
        percent: input.percent,
      });
      if (!updated) throw new UserError('CONFLICT', 'The canary has ended.');
      return experimentView(ctx, updated);
    }),

  /** Pins the candidate (all traffic goes to it) and ends the canary; its comparison stays readable. */
  promote: authedProcedure.input(z.object({ experimentId: idInput })).mutation(async ({ ctx, input }) => {
    const canary = await experimentAccess(ctx, input.experimentId, 'canary.manage');
    const config = configOf(canary);
    if (config.kind !== 'canary') throw new UserError('BAD_REQUEST', 'Only a canary can be promoted.');
    await workflowAccess(ctx.services.repos, ctx.auth.user.id, canary.workflowId, 'version.pin');
    const ended = await ctx.services.transact(async (tx) => {
      const completed = await tx.experiments.setStatus(canary.id, 'completed', ['running']);
      if (!completed) throw new UserError('CONFLICT', `The canary is already ${canary.status}.`);
      if (!(await tx.workflows.setPinnedVersion(canary.workflowId, config.variants[1].versionId))) {
        throw new UserError(
          'CONFLICT',
          'The candidate version could not be pinned (the workflow was deleted?).',
        );
      }
      return completed;
    });
    return experimentView(ctx, ended);
  }),

  /** Ends the canary: every call goes to the pinned version again. Runs under way finish and are scored. */
  stop: authedProcedure.input(z.object({ experimentId: idInput })).mutation(async ({ ctx, input }) => {
    const canary = await experimentAccess(ctx, input.experimentId, 'canary.manage');
    if (configOf(canary).kind !== 'canary')
      throw new UserError('BAD_REQUEST', 'Only a canary can be stopped here.');
    const stopped = await ctx.services.repos.experiments.setStatus(canary.id, 'cancelled', ['running']);
    if (!stopped) throw new UserError('CONFLICT', `The canary is already ${canary.status}.`);
    return experimentView(ctx, stopped);
  }),
});
