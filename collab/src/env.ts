import { z } from 'zod';
import { type StaticAuthConfig, staticAuthSchema } from './static-auth';

/** Empty strings count as unset, as docker-compose and shells often pass `VAR=`. */
const blankAsUnset = (value: unknown) => (value === '' ? undefined : value);

const url = (protocols: readonly string[]) =>
  z
    .url({ error: `must be a URL (${protocols.join(', ')})` })
    .refine((value) => protocols.some((protocol) => value.startsWith(`${protocol}//`)), {
      error: `must start with ${protocols.map((protocol) => `${protocol}//`).join(' or ')}`,
    });

const envSchema = z.object({
  PORT: z.preprocess(blankAsUnset, z.coerce.number().int().min(0).max(65535).default(3001)),
  HOST: z.preprocess(blankAsUnset, z.string().min(1).default('0.0.0.0')),
  TANDEM_DATA_DIR: z.preprocess(blankAsUnset, z.string().min(1).default('./.data')),
  DATABASE_URL: z.preprocess(blankAsUnset, url(['postgres:', 'postgresql:']).optional()),
  REDIS_URL: z.preprocess(blankAsUnset, url(['redis:', 'rediss:']).optional()),
  /** Comma-separated origins allowed to open sockets; unset: the request's own host. */
  TANDEM_COLLAB_ALLOWED_ORIGINS: z.preprocess(
    blankAsUnset,
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .optional(),
  ),
  TANDEM_LOG_LEVEL: z.preprocess(blankAsUnset, z.enum(['debug', 'info', 'warn', 'error']).default('info')),
  /** TESTS ONLY: a JSON table of tokens and roles (see static-auth.ts), until the api's auth is wired in. */
  TANDEM_COLLAB_DEV_AUTH: z.preprocess(
    blankAsUnset,
    z
      .string()
      .transform((value, context): StaticAuthConfig => {
        try {
          const parsed = staticAuthSchema.safeParse(JSON.parse(value));
          if (parsed.success) return parsed.data;
        } catch {
          // reported below
        }
        context.addIssue({ code: 'custom', message: 'must be JSON { tokens, roles } (see static-auth.ts)' });
        return z.NEVER;
      })
      .optional(),
  ),
});

export type CollabEnv = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/** Parses the environment once; the error names every bad variable and never echoes a value. */
export function parseCollabEnv(source: Record<string, string | undefined>): CollabEnv {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
}
