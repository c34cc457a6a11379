import {
  contentHash,
  parseWorkflowJson,
  UserError,
  validate,
  type WorkflowDefinition,
} from '@tandem/workflow';
import { z } from 'zod';
import { workflowAccess, workspaceAccess } from '../access/access';
import type { ApiContext } from '../context';
import { workflowDto } from '../dto';
import { idInput, workflowNameInput } from '../inputs';
import { authedProcedure, router } from '../trpc';
import { initialGraphUpdate, readGraph, writeInitialGraph } from '../workflow-docs';

const NOT_AN_EXPORT = 'This is not a Tandem workflow export.';

function parseExport(json: unknown): WorkflowDefinition {
  const parsed = parseWorkflowJson(json);
  if (!parsed.ok) throw new UserError('BAD_REQUEST', NOT_AN_EXPORT, parsed.issues);
  return parsed.definition;
}

/** Creates the workflow row and its graph document in one transaction: neither exists without the other. */
async function createWorkflow(
  ctx: ApiContext & { auth: NonNullable<ApiContext['auth']> },
  workspaceId: string,
  name: string,
  definition?: WorkflowDefinition,
) {
  const update = initialGraphUpdate(name, definition);
  return ctx.services.transact(async (repos) => {
    const workflow = await repos.workflows.create({ workspaceId, name, createdBy: ctx.auth.user.id });
    await writeInitialGraph(repos.docs, workflow.id, update);
    return workflow;
  });
}

export const workflowsRouter = router({
  list: authedProcedure.input(z.object({ workspaceId: idInput })).query(async ({ ctx, input }) => {
    const { repos } = ctx.services;
    await workspaceAccess(repos, ctx.auth.user.id, input.workspaceId, 'workflow.list');
    return (await repos.workflows.listForWorkspace(input.workspaceId)).map(workflowDto);
  }),

  /** A new, empty workflow; its graph document `workflow:<id>` exists from the start. */
  create: authedProcedure
    .input(z.object({ workspaceId: idInput, name: workflowNameInput }))
    .mutation(async ({ ctx, input }) => {
      await workspaceAccess(ctx.services.repos, ctx.auth.user.id, input.workspaceId, 'workflow.create');
      return workflowDto(await createWorkflow(ctx, input.workspaceId, input.name));
    }),

  /** The workflow and the caller's role (the canvas opens read-only for viewers). */
  get: authedProcedure.input(z.object({ workflowId: idInput })).query(async ({ ctx, input }) => {
    const { workflow, role } = await workflowAccess(
      ctx.services.repos,
      ctx.auth.user.id,
      input.workflowId,
      'workflow.read',
    );
    return { ...workflowDto(workflow), role };
  }),

  /**
   * Renames the workflow. The row's name is the workflow's name in lists and exports; the live document
   * is not written from here (the collaboration server owns open documents).
   */
  rename: authedProcedure
    .input(z.object({ workflowId: idInput, name: workflowNameInput }))
    .mutation(async ({ ctx, input }) => {
      const { repos } = ctx.services;
      await workflowAccess(repos, ctx.auth.user.id, input.workflowId, 'workflow.rename');
      const renamed = await repos.workflows.rename(input.workflowId, input.name);
      if (!renamed) throw new UserError('NOT_FOUND', 'Workflow not found. It may have just been deleted.');
      return workflowDto(renamed);
    }),

  /** Copies the graph (as its definition, so no editing history travels) into a new workflow beside it. */
  duplicate: authedProcedure
    .input(z.object({ workflowId: idInput, name: workflowNameInput.optional() }))
    .mutation(async ({ ctx, input }) => {
      const { repos } = ctx.services;
      const { workflow } = await workflowAccess(
        repos,
        ctx.auth.user.id,
        input.workflowId,
        'workflow.duplicate',
      );
      const { definition } = await readGraph(repos.docs, workflow.id);
      const name = input.name ?? `${workflow.name} (copy)`.slice(0, 120);
      return workflowDto(await createWorkflow(ctx, workflow.workspaceId, name, definition));
    }),

  /** Soft-deletes: the workflow disappears from lists and its documents can no longer be opened. */
  delete: authedProcedure.input(z.object({ workflowId: idInput })).mutation(async ({ ctx, input }) => {
    const { repos } = ctx.services;
    await workflowAccess(repos, ctx.auth.user.id, input.workflowId, 'workflow.delete');
    await repos.workflows.softDelete(input.workflowId);
    return { ok: true as const };
  }),

  /**
   * Creates a workflow from an export. The shape must be valid (field errors name the field); a graph with
   * problems (a cycle, a dangling reference) is still imported as a draft, and the problems are returned.
   */
  import: authedProcedure
    .input(z.object({ workspaceId: idInput, json: z.unknown(), name: workflowNameInput.optional() }))
    .mutation(async ({ ctx, input }) => {
      await workspaceAccess(ctx.services.repos, ctx.auth.user.id, input.workspaceId, 'workflow.import');
      const definition = parseExport(input.json);
      const workflow = await createWorkflow(
        ctx,
        input.workspaceId,
        input.name ?? definition.name,
        definition,
      );
      return { workflow: workflowDto(workflow), problems: validate(definition) };
    }),

  /** The workflow as a definition to save as JSON, named as the workflow is; problems of a draft listed. */
  export: authedProcedure.input(z.object({ workflowId: idInput })).query(async ({ ctx, input }) => {
    const { repos } = ctx.services;
    const { workflow } = await workflowAccess(repos, ctx.auth.user.id, input.workflowId, 'workflow.export');
    const { definition, problems } = await readGraph(repos.docs, workflow.id);
    return { definition: { ...definition, name: workflow.name }, problems };
  }),

  /**
   * Checks an exported workflow before it is imported: a shape error names the field; a well-formed
   * graph comes back with its problems (cycles, dangling references) and its content hash.
   */
  checkImport: authedProcedure.input(z.object({ json: z.unknown() })).mutation(({ input }) => {
    const definition = parseExport(input.json);
    return {
      name: definition.name,
      nodeCount: definition.nodes.length,
      edgeCount: definition.edges.length,
      problems: validate(definition),
      contentHash: contentHash(definition),
    };
  }),
});
