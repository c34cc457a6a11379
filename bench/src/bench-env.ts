import { z } from 'zod';

const COLLAB_PARTS = ['fanout', 'durable', 'cold', 'memory'] as const;

const schema = z.object({
  /** Real PostgreSQL for the rows beside PGlite's; without it those rows are skipped (and say so). */
  TEST_DATABASE_URL: z.url().optional(),
  /** `fanout,durable,cold,memory`: only those parts of the collab bench. */
  TANDEM_COLLAB_BENCH: z
    .string()
    .transform((list) => list.split(',').map((part) => part.trim()))
    .pipe(z.array(z.enum(COLLAB_PARTS)))
    .optional(),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  DRAG_BENCH_ROUNDS: z.coerce.number().int().min(1).default(2),
  /** `1`: the drag bench reuses apps/web/dist instead of building it. */
  DRAG_BENCH_SKIP_BUILD: z.enum(['0', '1']).default('0'),
});

export type BenchEnv = z.infer<typeof schema> & {
  /** TEST_DATABASE_URL is this machine's PostgreSQL (whose processes a bench may pin to a CPU). */
  localPostgres: boolean;
};

let parsed: BenchEnv | null = null;

/** The benches' settings, parsed once; a bad value stops the bench naming the variable. */
export function benchEnv(): BenchEnv {
  if (parsed) return parsed;
  const result = schema.safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`bench settings: ${problems.join('; ')}`);
  }
  const host = result.data.TEST_DATABASE_URL ? new URL(result.data.TEST_DATABASE_URL).hostname : '';
  parsed = { ...result.data, localPostgres: ['127.0.0.1', 'localhost', '[::1]'].includes(host) };
  return parsed;
}
