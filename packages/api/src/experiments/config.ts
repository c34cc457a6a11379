import { evaluatorListSchema } from '@tandem/experiments';
import { z } from 'zod';

/** Variant keys, in order: the first variant is the baseline every other one is compared with. */
export const VARIANT_KEYS = ['A', 'B', 'C', 'D'] as const;

const variantSchema = z.object({
  key: z.enum(VARIANT_KEYS),
  versionId: z.uuid({ error: 'Not a valid version id.' }),
});

/** Smallest pass-rate difference worth detecting, as a fraction (0.05 = 5 points). */
const minEffectSchema = z.number().min(0.01).max(0.5).default(0.05);

export const datasetExperimentConfigSchema = z.object({
  kind: z.literal('dataset'),
  variants: z.array(variantSchema).min(2).max(VARIANT_KEYS.length),
  repetitions: z.number().int().min(1).max(20),
  /** Runs of this experiment executing at once (on top of the workspace's run limit). */
  concurrency: z.number().int().min(1).max(32),
  evaluators: evaluatorListSchema,
  minEffect: minEffectSchema,
});

export const canaryConfigSchema = z.object({
  kind: z.literal('canary'),
  /** A: the version pinned when the canary started; B: the candidate. */
  variants: z.tuple([variantSchema, variantSchema]),
  /** Share of HTTP-trigger calls sent to the candidate, 0-100 with two decimals. */
  percent: z.number().min(0).max(100),
  evaluators: evaluatorListSchema,
  minEffect: minEffectSchema,
});

export const experimentConfigSchema = z.discriminatedUnion('kind', [
  datasetExperimentConfigSchema,
  canaryConfigSchema,
]);

export type DatasetExperimentConfig = z.infer<typeof datasetExperimentConfigSchema>;
export type CanaryConfig = z.infer<typeof canaryConfigSchema>;
export type ExperimentConfig = z.infer<typeof experimentConfigSchema>;

/**
 * The stored config, checked: a row written by an older release or edited by hand reads as an error the
 * caller reports, never as a crash.
 */
export function readExperimentConfig(
  raw: unknown,
): { ok: true; config: ExperimentConfig } | { ok: false; message: string } {
  const parsed = experimentConfigSchema.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    message: `The experiment's stored configuration is invalid: ${parsed.error.issues[0]?.message ?? 'unknown'}`,
  };
}
