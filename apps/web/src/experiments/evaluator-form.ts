/**
 * The evaluators builder's model: one flat draft per evaluator (every field a string or flag, as the form
 * holds them) and the function that turns drafts into the API's evaluator configs, or says what is wrong.
 */

export type EvaluatorKind = 'exact' | 'contains' | 'regex' | 'jsonSchema' | 'numeric' | 'llmJudge';
export type JudgeProvider = 'openai' | 'anthropic' | 'openai-compatible' | 'mock';

export const EVALUATOR_KINDS: readonly { kind: EvaluatorKind; label: string; hint: string }[] = [
  { kind: 'exact', label: 'Exact match', hint: 'The output equals the expected output.' },
  { kind: 'contains', label: 'Contains', hint: 'The output contains a text (or the expected output).' },
  { kind: 'regex', label: 'Regex', hint: 'The output matches a regular expression.' },
  { kind: 'jsonSchema', label: 'JSON schema', hint: 'The output is JSON valid against a schema.' },
  { kind: 'numeric', label: 'Numeric tolerance', hint: 'The output is a number close to the expected one.' },
  { kind: 'llmJudge', label: 'LLM as judge', hint: 'A model grades the output with your prompt.' },
];

export const kindLabel = (kind: string) => EVALUATOR_KINDS.find((each) => each.kind === kind)?.label ?? kind;

export type EvaluatorDraft = {
  id: string;
  kind: EvaluatorKind;
  name: string;
  /** Which output key to judge; empty: the whole output (or the only one). */
  field: string;
  caseSensitive: boolean;
  trim: boolean;
  value: string;
  pattern: string;
  flags: string;
  schemaText: string;
  tolerance: string;
  relative: boolean;
  provider: JudgeProvider;
  model: string;
  prompt: string;
  mode: 'score' | 'passFail';
  passThreshold: string;
};

export type EvaluatorConfig =
  | (Base & { kind: 'exact'; caseSensitive?: boolean; trim?: boolean })
  | (Base & { kind: 'contains'; value?: string; caseSensitive?: boolean })
  | (Base & { kind: 'regex'; pattern: string; flags?: string })
  | (Base & { kind: 'jsonSchema'; schema: Record<string, unknown> })
  | (Base & { kind: 'numeric'; tolerance: number; relative?: boolean })
  | (Base & {
      kind: 'llmJudge';
      provider: JudgeProvider;
      model: string;
      prompt: string;
      mode: 'score' | 'passFail';
      passThreshold?: number;
    });
type Base = { id: string; name?: string; field?: string };

export const DEFAULT_JUDGE_PROMPT =
  'You grade an AI workflow’s answer.\n\nInput: {{input}}\nExpected: {{expected}}\nAnswer: {{output}}\n\nHow well does the answer match what was expected? Reply with a score from 0 to 1.';

const DEFAULT_MODELS: Record<JudgeProvider, string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-3-5-haiku-latest',
  'openai-compatible': '',
  mock: 'mock-small',
};
export const defaultJudgeModel = (provider: JudgeProvider) => DEFAULT_MODELS[provider];

/** A new draft of `kind` with sensible defaults; `taken` are the ids already used in the list. */
export function newEvaluatorDraft(kind: EvaluatorKind, taken: readonly string[]): EvaluatorDraft {
  let index = 1;
  while (taken.includes(`${kind}-${index}`)) index += 1;
  return {
    id: `${kind}-${index}`,
    kind,
    name: '',
    field: '',
    caseSensitive: false,
    trim: true,
    value: '',
    pattern: '',
    flags: '',
    schemaText: '{\n  "type": "object"\n}',
    tolerance: '0.01',
    relative: false,
    provider: 'mock',
    model: DEFAULT_MODELS.mock,
    prompt: DEFAULT_JUDGE_PROMPT,
    mode: 'score',
    passThreshold: '0.7',
  };
}

export type BuildResult =
  | { ok: true; evaluators: EvaluatorConfig[] }
  | { ok: false; errors: Record<string, string> };

function base(draft: EvaluatorDraft): Base {
  const name = draft.name.trim();
  const field = draft.field.trim();
  return { id: draft.id, ...(name ? { name } : {}), ...(field ? { field } : {}) };
}

/** One draft as an API config, or the message to show beside it. */
export function buildEvaluator(
  draft: EvaluatorDraft,
): { ok: true; value: EvaluatorConfig } | { ok: false; error: string } {
  const common = base(draft);
  switch (draft.kind) {
    case 'exact':
      return {
        ok: true,
        value: { ...common, kind: 'exact', caseSensitive: draft.caseSensitive, trim: draft.trim },
      };
    case 'contains': {
      const value = draft.value;
      return {
        ok: true,
        value: {
          ...common,
          kind: 'contains',
          caseSensitive: draft.caseSensitive,
          ...(value ? { value } : {}),
        },
      };
    }
    case 'regex': {
      if (!draft.pattern) return { ok: false, error: 'Write the pattern the output should match.' };
      if (!/^(?!.*(.).*\1)[imsu]*$/.test(draft.flags.trim()))
        return { ok: false, error: 'Flags may only use i, m, s and u, each once.' };
      try {
        new RegExp(draft.pattern, draft.flags);
      } catch (error) {
        return { ok: false, error: `Not a valid regular expression: ${(error as Error).message}` };
      }
      const flags = draft.flags.trim();
      return {
        ok: true,
        value: { ...common, kind: 'regex', pattern: draft.pattern, ...(flags ? { flags } : {}) },
      };
    }
    case 'jsonSchema': {
      let schema: unknown;
      try {
        schema = JSON.parse(draft.schemaText);
      } catch {
        return { ok: false, error: 'The schema is not valid JSON.' };
      }
      if (!schema || typeof schema !== 'object' || Array.isArray(schema))
        return { ok: false, error: 'The schema must be a JSON object, e.g. { "type": "object" }.' };
      return {
        ok: true,
        value: { ...common, kind: 'jsonSchema', schema: schema as Record<string, unknown> },
      };
    }
    case 'numeric': {
      const tolerance = Number(draft.tolerance);
      if (draft.tolerance.trim() === '' || !Number.isFinite(tolerance) || tolerance < 0)
        return { ok: false, error: 'The tolerance is a number of 0 or more.' };
      return { ok: true, value: { ...common, kind: 'numeric', tolerance, relative: draft.relative } };
    }
    case 'llmJudge': {
      const model = draft.model.trim();
      if (!model) return { ok: false, error: 'Choose the judge’s model.' };
      if (!draft.prompt.includes('{{output}}'))
        return { ok: false, error: 'The prompt must show the judge the output: include {{output}}.' };
      let passThreshold: number | undefined;
      if (draft.mode === 'score' && draft.passThreshold.trim() !== '') {
        passThreshold = Number(draft.passThreshold);
        if (!Number.isFinite(passThreshold) || passThreshold < 0 || passThreshold > 1)
          return { ok: false, error: 'The pass threshold is a score between 0 and 1.' };
      }
      return {
        ok: true,
        value: {
          ...common,
          kind: 'llmJudge',
          provider: draft.provider,
          model,
          prompt: draft.prompt,
          mode: draft.mode,
          ...(passThreshold !== undefined ? { passThreshold } : {}),
        },
      };
    }
  }
}

/** Every draft as an API config; errors keyed by draft id. Names must be unique so the report reads. */
export function buildEvaluators(drafts: readonly EvaluatorDraft[]): BuildResult {
  const evaluators: EvaluatorConfig[] = [];
  const errors: Record<string, string> = {};
  for (const draft of drafts) {
    const built = buildEvaluator(draft);
    if (built.ok) evaluators.push(built.value);
    else errors[draft.id] = built.error;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, evaluators };
}

/** What an evaluator config says in one line, for lists and the report: "Regex /^\d+$/ on answer". */
export function describeEvaluator(
  config: { kind: string; name?: string; field?: string } & Record<string, unknown>,
): string {
  if (config.name) return config.name;
  const on = config.field ? ` on ${config.field}` : '';
  switch (config.kind) {
    case 'contains':
      return `Contains ${typeof config.value === 'string' ? `“${config.value}”` : 'expected'}${on}`;
    case 'regex':
      return `Regex /${String(config.pattern)}/${typeof config.flags === 'string' ? config.flags : ''}${on}`;
    case 'numeric':
      return `Within ${config.relative ? `${Number(config.tolerance) * 100}%` : `±${String(config.tolerance)}`}${on}`;
    case 'llmJudge':
      return `LLM judge (${String(config.model)})${on}`;
    default:
      return `${kindLabel(config.kind)}${on}`;
  }
}
