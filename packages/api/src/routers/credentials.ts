import { CREDENTIAL_PROVIDERS } from '@tandem/db';
import { z } from 'zod';
import { ownedResourceAccess, workspaceAccess } from '../access/access';
import { credentialDto } from '../dto';
import { idInput } from '../inputs';
import { storeCredential } from '../secrets/credentials';
import { authedProcedure, router } from '../trpc';

const CREDENTIAL_NOT_FOUND = 'Credential not found.';

// Messages here never quote the value: the key must not come back in an error either.
const setInput = z
  .object({
    workspaceId: idInput,
    provider: z.enum(CREDENTIAL_PROVIDERS, { error: 'Choose openai, anthropic or openai-compatible.' }),
    /** Defaults to the provider's name; one credential per name and workspace. */
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Use up to 40 lower-case letters, digits, "-" or "_".')
      .optional(),
    apiKey: z
      .string()
      .trim()
      .min(1, 'Enter the API key.')
      .max(4096, 'This is too long to be an API key.')
      .regex(/^[\x21-\x7e]+$/, 'An API key has no spaces or special characters; check what was pasted.'),
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'Enter an http:// or https:// URL.' })
      .max(500, 'Use at most 500 characters.')
      .refine((value) => {
        const url = new URL(value);
        return url.username === '' && url.password === '';
      }, 'Put the key in the API key field, not in the URL.')
      .optional(),
  })
  .superRefine((value, context) => {
    if (value.provider === 'openai-compatible' && value.baseUrl === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['baseUrl'],
        message: 'Enter the server’s base URL, e.g. http://localhost:11434/v1.',
      });
    }
  });

export const credentialsRouter = router({
  /** Names, providers, base URLs and last four characters: never a key. */
  list: authedProcedure.input(z.object({ workspaceId: idInput })).query(async ({ ctx, input }) => {
    const { repos } = ctx.services;
    await workspaceAccess(repos, ctx.auth.user.id, input.workspaceId, 'credential.list');
    return (await repos.credentials.list(input.workspaceId)).map(credentialDto);
  }),

  /** Stores (or replaces) a provider key, encrypted; the answer describes it without the key. */
  set: authedProcedure.input(setInput).mutation(async ({ ctx, input }) => {
    const { repos, secretBox, logger } = ctx.services;
    await workspaceAccess(repos, ctx.auth.user.id, input.workspaceId, 'credential.set');
    const credential = await storeCredential(repos, secretBox, {
      workspaceId: input.workspaceId,
      name: input.name ?? input.provider,
      provider: input.provider,
      baseUrl: input.baseUrl ?? null,
      apiKey: input.apiKey,
      createdBy: ctx.auth.user.id,
    });
    logger.info('credential set', {
      credentialId: credential.id,
      workspaceId: input.workspaceId,
      provider: input.provider,
    });
    return credentialDto(credential);
  }),

  delete: authedProcedure.input(z.object({ credentialId: idInput })).mutation(async ({ ctx, input }) => {
    const { repos, logger } = ctx.services;
    const credential = await repos.credentials.get(input.credentialId);
    await ownedResourceAccess(repos, ctx.auth.user.id, credential, 'credential.delete', CREDENTIAL_NOT_FOUND);
    await repos.credentials.delete(input.credentialId);
    logger.info('credential deleted', { credentialId: input.credentialId, userId: ctx.auth.user.id });
    return { ok: true as const };
  }),
});
