import { z } from 'zod';
import { workspaceAccess } from '../access/access';
import { workspaceDto } from '../dto';
import { idInput, workspaceNameInput } from '../inputs';
import { authedProcedure, router } from '../trpc';

export const workspacesRouter = router({
  /** The caller's workspaces with their role in each. */
  list: authedProcedure.query(async ({ ctx }) => {
    const rows = await ctx.services.repos.workspaces.listForUser(ctx.auth.user.id);
    return rows.map(({ workspace, role }) => workspaceDto(workspace, role));
  }),

  /** Creates a workspace owned by the caller. */
  create: authedProcedure.input(z.object({ name: workspaceNameInput })).mutation(async ({ ctx, input }) => {
    const { workspace } = await ctx.services.repos.workspaces.create({
      name: input.name,
      ownerId: ctx.auth.user.id,
    });
    return workspaceDto(workspace, 'owner');
  }),

  rename: authedProcedure
    .input(z.object({ workspaceId: idInput, name: workspaceNameInput }))
    .mutation(async ({ ctx, input }) => {
      const { repos } = ctx.services;
      const { role } = await workspaceAccess(repos, ctx.auth.user.id, input.workspaceId, 'workspace.rename');
      const renamed = await repos.workspaces.rename(input.workspaceId, input.name);
      if (!renamed) throw new Error('workspace vanished while being renamed');
      return workspaceDto(renamed, role);
    }),
});
