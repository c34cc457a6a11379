import { diff, materialise, replaceGraph, UserError, type WorkflowDefinition } from '@tandem/workflow';
import { z } from 'zod';
import { workflowAccess } from '../access/access';
import type { ApiContext } from '../context';
import { versionDto, versionSummaryDto } from '../dto';
import { idInput } from '../inputs';
import { authedProcedure, router } from '../trpc';
import { draftProblems, saveDraftVersion } from '../versions/save-draft';

const VERSION_NOT_FOUND = 'Version not found. It may belong to another workflow.';

const versionNameInput = z.string().trim().max(120, 'Use at most 120 characters.');

/** A version of this workflow (another workflow's version is as missing as an unknown id). */
async function versionOf(ctx: ApiContext, workflowId: string, versionId: string) {
  const version = await ctx.services.repos.versions.get(versionId);
  if (!version || version.workflowId !== workflowId) throw new UserError('NOT_FOUND', VERSION_NOT_FOUND);
  return version;
}

/** The draft's best-effort definition (a draft with problems can still be compared). */
async function draftDefinition(ctx: ApiContext, workflowId: string): Promise<WorkflowDefinition> {
  const result = await ctx.services.live.withGraph(workflowId, (doc) => materialise(doc));
  if (result.ok) return result.definition;
  if (!result.definition) throw draftProblems(result.problems);
  return result.definition;
}

export const versionsRouter = router({
  /** Newest first, without definitions. */
  list: authedProcedure.input(z.object({ workflowId: idInput })).query(async ({ ctx, input }) => {
    const { repos } = ctx.services;
    await workflowAccess(repos, ctx.auth.user.id, input.workflowId, 'version.list');
    return (await repos.versions.list(input.workflowId)).map(versionSummaryDto);
  }),

  get: authedProcedure
    .input(z.object({ workflowId: idInput, versionId: idInput }))
    .query(async ({ ctx, input }) => {
      await workflowAccess(ctx.services.repos, ctx.auth.user.id, input.workflowId, 'version.read');
      return versionDto(await versionOf(ctx, input.workflowId, input.versionId));
    }),

  /**
   * Saves the live draft as a version. An unchanged draft (same content hash) returns the newest version
   * with that hash (`created: false`); a draft with problems is refused, each problem named by node.
   */
  create: authedProcedure
    .input(z.object({ workflowId: idInput, name: versionNameInput.optional() }))
    .mutation(async ({ ctx, input }) => {
      await workflowAccess(ctx.services.repos, ctx.auth.user.id, input.workflowId, 'version.create');
      const { version, created } = await saveDraftVersion(ctx.services, {
        workflowId: input.workflowId,
        createdBy: ctx.auth.user.id,
        ...(input.name ? { name: input.name } : {}),
      });
      return { version: versionSummaryDto(version), created };
    }),

  /** What changed from one version to another; a side left out is the live draft. */
  diff: authedProcedure
    .input(z.object({ workflowId: idInput, from: idInput, to: idInput.optional() }))
    .query(async ({ ctx, input }) => {
      await workflowAccess(ctx.services.repos, ctx.auth.user.id, input.workflowId, 'version.read');
      const from = (await versionOf(ctx, input.workflowId, input.from)).definition;
      const to = input.to
        ? (await versionOf(ctx, input.workflowId, input.to)).definition
        : await draftDefinition(ctx, input.workflowId);
      return diff(from, to);
    }),

  /**
   * Writes the version's graph into the live draft as ONE transaction through the collaboration server, so
   * everyone editing sees it at once and can undo it in one step. Nothing is saved as a version.
   */
  restore: authedProcedure
    .input(z.object({ workflowId: idInput, versionId: idInput }))
    .mutation(async ({ ctx, input }) => {
      await workflowAccess(ctx.services.repos, ctx.auth.user.id, input.workflowId, 'version.restore');
      const version = await versionOf(ctx, input.workflowId, input.versionId);
      await ctx.services.live.withGraph(input.workflowId, (doc) => replaceGraph(doc, version.definition));
      return { ok: true as const, version: versionSummaryDto(version) };
    }),

  /** Chooses the version the HTTP trigger runs (`versionId: null` unpins). */
  pin: authedProcedure
    .input(z.object({ workflowId: idInput, versionId: idInput.nullable() }))
    .mutation(async ({ ctx, input }) => {
      const { repos } = ctx.services;
      await workflowAccess(repos, ctx.auth.user.id, input.workflowId, 'version.pin');
      if (input.versionId) await versionOf(ctx, input.workflowId, input.versionId);
      const pinned = await repos.workflows.setPinnedVersion(input.workflowId, input.versionId);
      if (!pinned) throw new UserError('NOT_FOUND', VERSION_NOT_FOUND);
      return { pinnedVersionId: input.versionId };
    }),
});
