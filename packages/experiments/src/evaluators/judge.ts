import type { Verdict } from './builtin';
import type { Evaluator } from './schema';
import type { JudgePort } from './types';
import { isPlainObject, parseNumber, truncate } from './values';

type LlmJudge = Extract<Evaluator, { kind: 'llmJudge' }>;

const VALUE_MAX_CHARS = 4000;
const PLACEHOLDER = /\{\{\s*(input|output|expected)\s*\}\}/g;

const INSTRUCTIONS = {
  score:
    'Answer with only a JSON object, no other text: {"score": <a number from 0 to 1>, "reason": "<one short sentence>"}',
  passFail:
    'Answer with only a JSON object, no other text: {"pass": <true or false>, "reason": "<one short sentence>"}',
} as const;

/** True when the evaluator's prompt refers to the row's expected value. */
export function usesExpected(prompt: string): boolean {
  return /\{\{\s*expected\s*\}\}/.test(prompt);
}

/**
 * The prompt sent to the judge: the user's template with {{input}}, {{output}} and {{expected}} replaced (in
 * one pass, so a value containing "{{output}}" is not expanded again), the output appended when the template
 * does not mention it, and the answer format the parser expects.
 */
export function buildJudgePrompt(
  evaluator: Pick<LlmJudge, 'prompt' | 'mode'>,
  values: { input: unknown; output: unknown; expected: unknown },
): string {
  const body = evaluator.prompt.replace(PLACEHOLDER, (_, name: 'input' | 'output' | 'expected') =>
    renderValue(values[name]),
  );
  const withOutput = /\{\{\s*output\s*\}\}/.test(evaluator.prompt)
    ? body
    : `${body}\n\nOutput to judge:\n${renderValue(values.output)}`;
  return `${withOutput}\n\n${INSTRUCTIONS[evaluator.mode]}`;
}

function renderValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === undefined) text = '(none)';
  else {
    try {
      text = JSON.stringify(value, null, 2) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length <= VALUE_MAX_CHARS
    ? text
    : `${text.slice(0, VALUE_MAX_CHARS)}… [${text.length - VALUE_MAX_CHARS} more characters cut]`;
}

/** What a judge answered: a score in [0, 1] (a pass/fail answer reads as 1 or 0), or why it could not be read. */
export type JudgeAnswer =
  | { ok: true; score: number; verdict: 'pass' | 'fail' | null; reason: string | null }
  | { ok: false; error: string };

/**
 * Reads a judge's answer. Accepted, in this order: a JSON object with `score` or `pass` (bare, fenced in
 * ```json, or embedded in text); "7/10" or "70%"; "score: 0.7"; a leading PASS / FAIL; a bare number.
 * Plain scores must lie in [0, 1]: a bare 7 is refused rather than guessed to mean 7/10.
 */
export function parseJudgeAnswer(text: string): JudgeAnswer {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'the judge returned an empty answer' };
  for (const candidate of jsonCandidates(trimmed)) {
    const read = readObject(candidate);
    if (read) return read;
  }
  return readText(trimmed);
}

function readObject(value: Record<string, unknown>): JudgeAnswer | null {
  const reasonValue = value.reason ?? value.explanation ?? value.rationale;
  const reason = typeof reasonValue === 'string' ? reasonValue : null;
  if ('pass' in value || 'passed' in value) {
    const verdict = readVerdict(value.pass ?? value.passed);
    if (verdict === null) return { ok: false, error: `the judge's "pass" is not true or false` };
    return { ok: true, score: verdict === 'pass' ? 1 : 0, verdict, reason };
  }
  if ('score' in value) {
    const raw = value.score;
    const score = typeof raw === 'number' ? checkUnit(raw) : typeof raw === 'string' ? readText(raw) : null;
    if (score === null)
      return { ok: false, error: `the judge's score ${truncate(String(raw), 20)} is not a number` };
    if (!score.ok) return score;
    return { ...score, reason: reason ?? score.reason };
  }
  return null;
}

function readVerdict(value: unknown): 'pass' | 'fail' | null {
  if (value === true) return 'pass';
  if (value === false) return 'fail';
  if (typeof value === 'string') {
    const word = value.trim();
    if (/^(?:true|pass(?:ed)?|yes)$/i.test(word)) return 'pass';
    if (/^(?:false|fail(?:ed)?|no)$/i.test(word)) return 'fail';
  }
  return null;
}

function readText(text: string): JudgeAnswer {
  const reason = text.length > 0 ? truncate(text, 200) : null;
  const ratio = /(?<![\d.])(\d+(?:\.\d+)?)\s*\/\s*(\d+)(?!\.?\d)/.exec(text);
  if (ratio) {
    const [x, d] = [Number(ratio[1]), Number(ratio[2])];
    if (d > 0 && x <= d) return { ok: true, score: x / d, verdict: null, reason };
    return { ok: false, error: `the judge's score ${ratio[0]} is out of range` };
  }
  const percent = /(?<![\d.])(\d+(?:\.\d+)?)\s*%/.exec(text);
  if (percent) {
    const p = Number(percent[1]);
    if (p <= 100) return { ok: true, score: p / 100, verdict: null, reason };
    return { ok: false, error: `the judge's score ${percent[0]} is out of range` };
  }
  const labelled = /\bscore\s*(?:is|[:=])?\s*(-?\d+(?:\.\d+)?)/i.exec(text);
  if (labelled) return withReason(checkUnit(Number(labelled[1])), reason);
  const verdict =
    /^[\s*_#>"'`-]*(?:(?:verdict|result|answer|decision)\s*[:=-]?\s*[*_"']*)?(pass(?:ed)?|fail(?:ed)?)\b/i.exec(
      text,
    );
  if (verdict?.[1]) {
    const passed = /^pass/i.test(verdict[1]);
    return { ok: true, score: passed ? 1 : 0, verdict: passed ? 'pass' : 'fail', reason };
  }
  const bare = /^[-+]?(?:\d+(?:\.\d+)?|\.\d+)\.?$/.test(text) ? parseNumber(text) : null;
  if (bare !== null) return withReason(checkUnit(bare), null);
  return {
    ok: false,
    error: `could not read a score from the judge's answer: ${JSON.stringify(truncate(text, 80))}`,
  };
}

function checkUnit(score: number): JudgeAnswer {
  if (!Number.isFinite(score)) return { ok: false, error: 'the judge gave no finite score' };
  if (score < 0 || score > 1) {
    return {
      ok: false,
      error: `the judge's score ${score} is outside 0..1 (write 7/10 or 70% for other scales)`,
    };
  }
  return { ok: true, score, verdict: null, reason: null };
}

function withReason(answer: JudgeAnswer, reason: string | null): JudgeAnswer {
  return answer.ok ? { ...answer, reason: answer.reason ?? reason } : answer;
}

/** JSON objects found in an answer: the whole text, a ```json fence, then each balanced {...} in the text. */
function* jsonCandidates(text: string): Generator<Record<string, unknown>> {
  const tryParse = (s: string): Record<string, unknown> | null => {
    try {
      const parsed: unknown = JSON.parse(s);
      return isPlainObject(parsed) ? parsed : null;
    } catch {
      return null;
    }
  };
  const whole = tryParse(text);
  if (whole) yield whole;
  for (const fence of text.matchAll(/```(?:json)?\s*([\s\S]*?)```/gi)) {
    const parsed = fence[1] ? tryParse(fence[1].trim()) : null;
    if (parsed) yield parsed;
  }
  // Bounded scan: judge answers are short, a long one only has its first objects tried.
  const lastClose = text.lastIndexOf('}');
  let tried = 0;
  for (let start = text.indexOf('{'); start !== -1 && start < lastClose && tried < 20; tried++) {
    const end = matchingBrace(text, start);
    const parsed = end === -1 ? null : tryParse(text.slice(start, end + 1));
    if (parsed) yield parsed;
    start = text.indexOf('{', start + 1);
  }
}

function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length && i < start + 20_000; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Asks the judge and turns its answer into a verdict; a judge failure becomes an `error`, never a throw. */
export async function runJudge(
  evaluator: LlmJudge,
  judge: JudgePort,
  request: { prompt: string; idempotencyKey: string; signal?: AbortSignal },
): Promise<Verdict> {
  const reply = await judge({
    provider: evaluator.provider,
    model: evaluator.model,
    prompt: request.prompt,
    idempotencyKey: request.idempotencyKey,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  const usage = { tokensIn: reply.tokensIn, tokensOut: reply.tokensOut, costUsd: reply.costUsd };
  const answer = parseJudgeAnswer(typeof reply.text === 'string' ? reply.text : '');
  if (!answer.ok)
    return { pass: false, score: 0, detail: 'unreadable judge answer', error: answer.error, usage };
  const passed =
    answer.verdict !== null ? answer.verdict === 'pass' : answer.score >= evaluator.passThreshold;
  const head =
    evaluator.mode === 'passFail' && answer.verdict !== null
      ? passed
        ? 'judge: pass'
        : 'judge: fail'
      : `judge: ${formatScore(answer.score)} (${passed ? 'pass' : 'fail'} at ≥ ${evaluator.passThreshold})`;
  const detail = answer.reason ? `${head}: ${truncate(answer.reason, 120)}` : head;
  return { pass: passed, score: answer.score, detail, usage };
}

function formatScore(score: number): string {
  return String(Math.round(score * 1000) / 1000);
}
