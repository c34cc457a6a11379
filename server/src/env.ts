import { z } from 'zod';

const port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const optionalUrl = (protocols: readonly string[]) =>
  z
    .url({ error: `must be a URL (${protocols.join(', ')})` })
    .refine((value) => protocols.some((p) => value.startsWith(`${p}//`)), {
      error: `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    })
    .optional();

/** Empty strings count as unset, as docker-compose and shells often pass `VAR=`. */
const blankAsUnset = (value: unknown) => (value === '' ? undefined : value);

const envSchema = z.object({
  PORT: z.preprocess(blankAsUnset, port.default(3000)),
  HOST: z.preprocess(blankAsUnset, z.string().min(1).default('0.0.0.0')),
  TANDEM_DATA_DIR: z.preprocess(blankAsUnset, z.string().min(1).default('./.data')),
  TANDEM_WEB_DIST: z.preprocess(blankAsUnset, z.string().min(1).optional()),
  DATABASE_URL: z.preprocess(blankAsUnset, optionalUrl(['postgres:', 'postgresql:'])),
  REDIS_URL: z.preprocess(blankAsUnset, optionalUrl(['redis:', 'rediss:'])),
  TANDEM_SECRET_KEY: z.preprocess(
    blankAsUnset,
    z
      .string()
      .regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, 'must be 32 bytes as 64 hex characters or base64')
      .optional(),
  ),
  TANDEM_HTTP_ALLOW: z.preprocess(
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
  TANDEM_TRUST_PROXY: z.preprocess(
    blankAsUnset,
    z.coerce
      .number({ error: 'must be the number of reverse proxies in front of Tandem (0 for none)' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 10')
      .max(10, 'must be between 0 and 10')
      .default(0),
  ),
  TANDEM_PUBLIC_URL: z.preprocess(blankAsUnset, optionalUrl(['http:', 'https:'])),
  TANDEM_RUN_CONCURRENCY: z.preprocess(
    blankAsUnset,
    z.coerce
      .number({ error: 'must be the number of runs one workspace may execute at once' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 1000')
      .max(1000, 'must be between 1 and 1000')
      .default(4),
  ),
  TANDEM_RUN_WORKERS: z.preprocess(
    blankAsUnset,
    z.coerce
      .number({ error: 'must be the number of runs this process executes at once' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 1000')
      .max(1000, 'must be between 0 and 1000')
      .default(8),
  ),
  TANDEM_RUN_LEASE_MS: z.preprocess(
    blankAsUnset,
    z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int('must be a whole number')
      .min(300, 'must be between 300 and 600000')
      .max(600_000, 'must be between 300 and 600000')
      .default(30_000),
  ),
  TANDEM_RUN_NODE_TIMEOUT_MS: z.preprocess(
    blankAsUnset,
    z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int('must be a whole number')
      .min(100, 'must be between 100 and 3600000')
      .max(3_600_000, 'must be between 100 and 3600000')
      .default(120_000),
  ),
  TANDEM_RUN_TIMEOUT_MS: z.preprocess(
    blankAsUnset,
    z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int('must be a whole number')
      .min(1_000, 'must be between 1000 and 86400000')
      .max(86_400_000, 'must be between 1000 and 86400000')
      .default(900_000),
  ),
  TANDEM_LOG_LEVEL: z.preprocess(blankAsUnset, z.enum(['debug', 'info', 'warn', 'error']).default('info')),
  OPENAI_API_KEY: z.preprocess(blankAsUnset, z.string().optional()),
  OPENAI_BASE_URL: z.preprocess(blankAsUnset, optionalUrl(['http:', 'https:'])),
  ANTHROPIC_API_KEY: z.preprocess(blankAsUnset, z.string().optional()),
});

export type ServerEnv = z.infer<typeof envSchema>;

/** Raised when the environment is wrong; the message names every bad variable and never echoes a value. */
export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/** Parses the process environment once, at start-up. */
export function parseEnv(source: Record<string, string | undefined>): ServerEnv {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
}
