import {
  evaluateContains,
  evaluateExact,
  evaluateJsonSchema,
  evaluateNumeric,
  evaluateRegex,
  fail,
  missingExpected,
  type Verdict,
} from './builtin';
import { buildJudgePrompt, runJudge, usesExpected } from './judge';
import { type Evaluator, messageOf } from './schema';
import type { EvaluatorResult, JudgePort, RunOutcome } from './types';
import { isPlainObject, preview, truncate } from './values';

export type EvaluateRunInput = {
  evaluators: Evaluator[];
  run: RunOutcome;
  /** The row's inputs, shown to a judge as {{input}}. */
  inputs: Record<string, unknown>;
  /** The row's expected value; `undefined` when the row has none. */
  expected: unknown;
  judge: JudgePort | null;
  /** Stable per trial: each judge call's idempotency key is `${idempotencyPrefix}:${evaluator.id}`. */
  idempotencyPrefix: string;
  signal?: AbortSignal;
};

/**
 * Scores one finished run with each evaluator, returning one result per evaluator in order. Never throws for
 * any output, configuration or judge failure (they become results with an `error`); rejects only when
 * `signal` is aborted. Judge calls run concurrently.
 */
export async function evaluateRun(input: EvaluateRunInput): Promise<EvaluatorResult[]> {
  const { evaluators, run, signal } = input;
  signal?.throwIfAborted();
  if (run.status !== 'succeeded') {
    const why = truncate(run.error ?? run.status, 200);
    return evaluators.map((e) => ({ evaluatorId: e.id, ...fail(`run failed: ${why}`) }));
  }
  const results = await Promise.all(
    evaluators.map(async (evaluator): Promise<EvaluatorResult> => {
      let verdict: Verdict;
      try {
        verdict = await evaluateOne(evaluator, input);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        verdict = fail('evaluator failed', truncate(messageOf(error), 300));
      }
      return { evaluatorId: evaluator.id, ...sanitise(verdict) };
    }),
  );
  return results;
}

async function evaluateOne(evaluator: Evaluator, input: EvaluateRunInput): Promise<Verdict> {
  const outputs = input.run.outputs ?? {};
  const field = evaluator.field;
  if (field !== undefined && !Object.hasOwn(outputs, field)) {
    const keys = Object.keys(outputs);
    const available =
      keys.length > 0 ? `outputs are ${truncate(keys.join(', '), 80)}` : 'the run has no outputs';
    return fail(`no output "${field}"`, `output "${field}" not found (${available})`);
  }
  const output = select(outputs, field);
  // With a field, an expected object keyed like the outputs is read at the same key.
  const expected =
    field !== undefined && isPlainObject(input.expected) && Object.hasOwn(input.expected, field)
      ? input.expected[field]
      : input.expected;
  switch (evaluator.kind) {
    case 'exact':
      return evaluateExact(evaluator, output, expected);
    case 'contains':
      return evaluateContains(evaluator, output, expected);
    case 'regex':
      return evaluateRegex(evaluator, output);
    case 'jsonSchema':
      return evaluateJsonSchema(evaluator, output);
    case 'numeric':
      return evaluateNumeric(evaluator, output, expected);
    case 'llmJudge': {
      if (expected === undefined && usesExpected(evaluator.prompt)) return missingExpected('llmJudge');
      if (input.judge === null)
        return fail('no judge available', 'no judge is configured for LLM evaluators');
      const prompt = buildJudgePrompt(evaluator, {
        input: select(input.inputs, undefined),
        output,
        expected,
      });
      return runJudge(evaluator, input.judge, {
        prompt,
        idempotencyKey: `${input.idempotencyPrefix}:${evaluator.id}`,
        ...(input.signal ? { signal: input.signal } : {}),
      });
    }
    default:
      return unknownKind(evaluator);
  }
}

/** A named value, else the only value of a one-key record, else the whole record. */
function select(record: Record<string, unknown>, field: string | undefined): unknown {
  if (field !== undefined) return record[field];
  const keys = Object.keys(record);
  return keys.length === 1 && keys[0] !== undefined ? record[keys[0]] : record;
}

function unknownKind(evaluator: never): Verdict {
  return fail(
    'unknown evaluator',
    `unknown evaluator kind ${preview((evaluator as { kind?: unknown }).kind)}`,
  );
}

/** Holds the result invariants whatever an evaluator produced: score a number in [0, 1], an error fails. */
function sanitise(verdict: Verdict): Verdict {
  const score = Number.isFinite(verdict.score) ? Math.min(1, Math.max(0, verdict.score)) : 0;
  const passed = verdict.error === undefined && verdict.pass;
  return { ...verdict, pass: passed, score: verdict.error === undefined ? score : 0 };
}
