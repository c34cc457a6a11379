import { z } from 'zod';
import { ownedResourceAccess, workspaceAccess } from '../access/access';
import { apiKeyDto } from '../dto';
import { idInput } from '../inputs';
import { createApiKey } from '../secrets/api-keys';
import { authedProcedure, router } from '../trpc';

const API_KEY_NOT_FOUND = 'API key not found.';

export const apiKeysRouter = router({
  /** The workspace's keys by prefix and last four characters, revoked ones included. */
  list: authedProcedure.input(z.object({ workspaceId: idInput })).query(async ({ ctx, input }) => {
    const { repos } = ctx.services;
    await workspaceAccess(repos, ctx.auth.user.id, input.workspaceId, 'apiKey.list');
    return (await repos.apiKeys.listForWorkspace(input.workspaceId)).map(apiKeyDto);
  }),

  /** Creates a key for the HTTP trigger. `token` is in this answer only: it cannot be shown again. */
  create: authedProcedure
    .input(
      z.object({
        workspaceId: idInput,
        name: z
          .string()
          .trim()
          .min(1, 'Name the key after what uses it.')
          .max(80, 'Use at most 80 characters.'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { repos, logger } = ctx.services;
      await workspaceAccess(repos, ctx.auth.user.id, input.workspaceId, 'apiKey.create');
      const { apiKey, token } = await createApiKey(repos, {
        workspaceId: input.workspaceId,
        name: input.name,
        createdBy: ctx.auth.user.id,
        now: ctx.now,
      });
      logger.info('api key created', {
        apiKeyId: apiKey.id,
        workspaceId: input.workspaceId,
        userId: ctx.auth.user.id,
      });
      return { apiKey: apiKeyDto(apiKey), token };
    }),

  /** Revokes a key at once; revoking it again changes nothing. */
  revoke: authedProcedure.input(z.object({ apiKeyId: idInput })).mutation(async ({ ctx, input }) => {
    const { repos, logger } = ctx.services;
    const key = await repos.apiKeys.get(input.apiKeyId);
    await ownedResourceAccess(repos, ctx.auth.user.id, key, 'apiKey.revoke', API_KEY_NOT_FOUND);
    const revoked = await repos.apiKeys.revoke(input.apiKeyId, ctx.now);
    if (!revoked) throw new Error('api key vanished while being revoked');
    logger.info('api key revoked', {
      apiKeyId: revoked.id,
      workspaceId: revoked.workspaceId,
      userId: ctx.auth.user.id,
    });
    return apiKeyDto(revoked);
  }),
});
