import { createHash } from 'node:crypto';
import type { LlmMessage } from './llm-client';
import { withoutDirectives } from './mock-directives';
import { seededRandom } from './seeded-random';

/** A stable fingerprint of a call: same model and messages → same hash, on every machine and run. */
export function callHash(model: string, messages: readonly LlmMessage[]): string {
  const hash = createHash('sha256');
  hash.update(model);
  for (const m of messages) hash.update(`\u0000${m.role}\u0000${m.content}`);
  return hash.digest('hex');
}

// A neutral vocabulary, so mock answers read like text (word lengths near English) without meaning anything.
const VOCABULARY = [
  'the',
  'workflow',
  'agent',
  'returns',
  'a',
  'result',
  'for',
  'this',
  'input',
  'based',
  'on',
  'context',
  'summary',
  'shows',
  'that',
  'data',
  'is',
  'consistent',
  'with',
  'plan',
  'next',
  'step',
  'checks',
  'output',
  'and',
  'reports',
  'clear',
  'answer',
  'to',
  'user',
  'request',
  'in',
  'short',
  'form',
  'model',
  'review',
] as const;

export type MockAnswerInput = {
  hash: string;
  messages: readonly LlmMessage[];
  jsonMode: boolean;
  /** Exact text to answer with (a `reply` directive or the client's fixed output). */
  fixed: string | undefined;
  echo: boolean;
  /** Answer length in words; derived from the hash when unset. */
  words: number | undefined;
};

/**
 * The mock's answer: a fixed text, an echo of the last user message, or words drawn from a PRNG seeded by the
 * call's hash. In jsonMode the answer is always a valid JSON object.
 */
export function mockAnswer(input: MockAnswerInput): string {
  const id = input.hash.slice(0, 8);
  const lastUser = [...input.messages].reverse().find((m) => m.role === 'user');
  const question = withoutDirectives(lastUser?.content ?? '');
  const base = input.fixed ?? (input.echo ? question : generatedWords(input.hash, input.words, id, question));
  if (!input.jsonMode) return base;
  if (input.fixed !== undefined && isJsonObject(input.fixed)) return input.fixed;
  return JSON.stringify({ id, answer: base, input: snippet(question), mock: true });
}

function generatedWords(hash: string, words: number | undefined, id: string, question: string): string {
  const random = seededRandom(Number.parseInt(hash.slice(0, 8), 16));
  // 12–39 words unless asked: long enough to stream visibly, short enough for tests.
  const n = words ?? 12 + Math.floor(random() * 28);
  const picked: string[] = [];
  for (let i = 0; i < n; i++) picked.push(VOCABULARY[Math.floor(random() * VOCABULARY.length)] ?? 'the');
  const body = picked.join(' ');
  return question === ''
    ? `Mock answer ${id}: ${body}.`
    : `Mock answer ${id} to "${snippet(question)}": ${body}.`;
}

function snippet(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Splits an answer into stream deltas of one word each (with its trailing space), like a tokenizer would. */
export function deltasOf(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}
