import { z } from 'zod';
import { checkRegexSafety } from './regex-safety';
import { type Evaluator, messageOf, REGEX_MAX_INPUT_CHARS } from './schema';
import type { EvaluatorResult } from './types';
import { canonicalJson, parseNumber, preview, textOf, truncate, unfence } from './values';

/** A verdict before it is tagged with its evaluator's id. */
export type Verdict = Omit<EvaluatorResult, 'evaluatorId'>;

type Of<K extends Evaluator['kind']> = Extract<Evaluator, { kind: K }>;

export function pass(detail: string): Verdict {
  return { pass: true, score: 1, detail };
}

export function fail(detail: string, error?: string): Verdict {
  return error === undefined ? { pass: false, score: 0, detail } : { pass: false, score: 0, detail, error };
}

export function missingExpected(kind: string): Verdict {
  return fail('no expected value', `the ${kind} evaluator needs an expected value and this row has none`);
}

export function evaluateExact(e: Of<'exact'>, output: unknown, expected: unknown): Verdict {
  if (expected === undefined) return missingExpected('exact');
  const normalise = (s: string): string => {
    const trimmed = e.trim ? s.trim() : s;
    return e.caseSensitive ? trimmed : trimmed.toLowerCase();
  };
  let equal: boolean;
  if (typeof output === 'string' && typeof expected === 'string') {
    equal = normalise(output) === normalise(expected);
  } else if (typeof output === 'string' || typeof expected === 'string') {
    // One side is text, the other a value: "42" vs 42 or '{"a":1}' vs {a: 1}.
    const [text, value] = typeof output === 'string' ? [output, expected] : [expected as string, output];
    equal = normalise(text) === normalise(canonicalJson(value)) || parsesTo(text, value);
  } else {
    equal = canonicalJson(output) === canonicalJson(expected);
  }
  return equal
    ? pass(`matches ${preview(expected)}`)
    : fail(`expected ${preview(expected)}, got ${preview(output)}`);
}

function parsesTo(text: string, value: unknown): boolean {
  try {
    return canonicalJson(JSON.parse(unfence(text))) === canonicalJson(value);
  } catch {
    return false;
  }
}

export function evaluateContains(e: Of<'contains'>, output: unknown, expected: unknown): Verdict {
  if (e.value === undefined && expected === undefined) return missingExpected('contains');
  const needle = e.value ?? textOf(expected);
  if (needle === '') return fail('nothing to look for', 'the expected value is empty');
  const haystack = textOf(output);
  const found = e.caseSensitive
    ? haystack.includes(needle)
    : haystack.toLowerCase().includes(needle.toLowerCase());
  return found
    ? pass(`contains ${preview(needle)}`)
    : fail(`${preview(needle, 40)} not found in ${preview(haystack)}`);
}

export function evaluateRegex(e: Of<'regex'>, output: unknown): Verdict {
  const label = `/${truncate(e.pattern, 40)}/${e.flags ?? ''}`;
  // Re-checked here too: a stored configuration may predate a safety rule.
  const safety = checkRegexSafety(e.pattern, e.flags);
  if (!safety.ok) return fail(`refused ${label}`, `unsafe pattern: ${safety.reason}`);
  let re: RegExp;
  try {
    re = new RegExp(e.pattern, e.flags);
  } catch (error) {
    return fail(`invalid ${label}`, `the pattern does not compile: ${messageOf(error)}`);
  }
  const text = textOf(output).slice(0, REGEX_MAX_INPUT_CHARS);
  return re.test(text) ? pass(`matches ${label}`) : fail(`no match for ${label} in ${preview(text)}`);
}

const compiledSchemas = new WeakMap<object, z.ZodType>();

export function evaluateJsonSchema(e: Of<'jsonSchema'>, output: unknown): Verdict {
  let validator = compiledSchemas.get(e.schema);
  if (!validator) {
    try {
      validator = z.fromJSONSchema(e.schema);
    } catch (error) {
      return fail('unsupported schema', `the JSON schema is not supported: ${messageOf(error)}`);
    }
    compiledSchemas.set(e.schema, validator);
  }
  let value = output;
  if (typeof output === 'string') {
    try {
      value = JSON.parse(unfence(output));
    } catch (error) {
      return fail(`output is not JSON (${truncate(messageOf(error), 60)}): ${preview(output, 60)}`);
    }
  }
  const result = validator.safeParse(value);
  if (result.success) return pass('matches the schema');
  const issues = result.error.issues.slice(0, 2).map((issue) => {
    const at = issue.path.length > 0 ? `at ${issue.path.map(String).join('.')}: ` : '';
    return truncate(`${at}${issue.message}`, 80);
  });
  const more = result.error.issues.length > 2 ? ` (+${result.error.issues.length - 2} more)` : '';
  return fail(`does not match the schema: ${issues.join('; ')}${more}`);
}

export function evaluateNumeric(e: Of<'numeric'>, output: unknown, expected: unknown): Verdict {
  if (expected === undefined) return missingExpected('numeric');
  const want = parseNumber(expected);
  if (want === null)
    return fail(`expected ${preview(expected)} is not a number`, 'the expected value is not a number');
  const got = parseNumber(output);
  const bound = e.relative ? `± ${formatNumber(e.tolerance * 100)}%` : `± ${formatNumber(e.tolerance)}`;
  const target = e.tolerance > 0 ? `${formatNumber(want)} ${bound}` : formatNumber(want);
  if (got === null) return fail(`expected ${target}, got no number in ${preview(output)}`);
  const allowed = e.relative ? e.tolerance * Math.abs(want) : e.tolerance;
  // A few ulps of slack so 0.1 + 0.2 equals 0.3 at tolerance 0.
  const slack = 4 * Number.EPSILON * Math.max(Math.abs(got), Math.abs(want));
  return Math.abs(got - want) <= allowed + slack
    ? pass(`${formatNumber(got)} is within ${target}`)
    : fail(`expected ${target}, got ${formatNumber(got)}`);
}

function formatNumber(n: number): string {
  return String(Number(n.toPrecision(12)));
}
