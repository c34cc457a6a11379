import { describe, expect, it } from 'vitest';
import { buildJudgePrompt, parseJudgeAnswer } from './judge';

describe('parseJudgeAnswer', () => {
  it.each([
    ['{"score": 0.7, "reason": "mostly right"}', 0.7, 'mostly right'],
    ['```json\n{"score": 0.25, "reason": "weak"}\n```', 0.25, 'weak'],
    [
      'Here is my verdict:\n{"score": 1, "reason": "a {nested} brace"} Hope this helps.',
      1,
      'a {nested} brace',
    ],
    ['{"pass": true, "reason": "correct"}', 1, 'correct'],
    ['{"pass": "FAIL"}', 0, null],
    ['{"score": "7/10"}', 0.7, null],
    ['PASS', 1, null],
    ['**FAIL** — the capital is wrong', 0, null],
    ['Verdict: pass', 1, null],
    ['0.4', 0.4, null],
    ['1', 1, null],
    ['score: 0.7 because it is mostly right', 0.7, null],
    ['I give it 7/10.', 0.7, null],
    ['Roughly 85% correct', 0.85, null],
  ])('reads %j', (text, score, reason) => {
    const answer = parseJudgeAnswer(text);
    expect(answer).toMatchObject({ ok: true, score });
    if (answer.ok && reason !== null) expect(answer.reason).toBe(reason);
  });

  it.each([
    ['', /empty answer/],
    ['I cannot decide.', /could not read a score/],
    ['7', /outside 0\.\.1 \(write 7\/10 or 70% for other scales\)/],
    ['{"score": 7}', /outside 0\.\.1/],
    ['{"score": -0.1}', /outside 0\.\.1/],
    ['{"score": "high"}', /could not read/],
    ['{"pass": "maybe"}', /not true or false/],
    ['12/10', /out of range/],
    ['150%', /out of range/],
  ])('refuses %j', (text, error) => {
    const answer = parseJudgeAnswer(text);
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error).toMatch(error);
  });

  it('stays fast on a long rambling answer full of braces', () => {
    const answer = parseJudgeAnswer(`${'{'.repeat(50_000)} no score here`);
    expect(answer.ok).toBe(false);
  });
});

describe('buildJudgePrompt', () => {
  it('replaces placeholders once, JSON-encodes values and asks for the right format', () => {
    const prompt = buildJudgePrompt(
      { prompt: 'In: {{ input }}\nOut: {{output}}\nWant: {{expected}}', mode: 'passFail' },
      { input: { q: 'x' }, output: 'see {{expected}} $& $1', expected: 42 },
    );
    expect(prompt).toBe(
      'In: {\n  "q": "x"\n}\nOut: see {{expected}} $& $1\nWant: 42\n\n' +
        'Answer with only a JSON object, no other text: {"pass": <true or false>, "reason": "<one short sentence>"}',
    );
  });

  it('appends the output when the template does not mention it and truncates long values', () => {
    const prompt = buildJudgePrompt(
      { prompt: 'Is this polite?', mode: 'score' },
      {
        input: {},
        output: 'x'.repeat(10_000),
        expected: undefined,
      },
    );
    expect(prompt).toMatch(
      /^Is this polite\?\n\nOutput to judge:\nx{4000}… \[6000 more characters cut\]\n\n/,
    );
    expect(prompt).toMatch(/"score": <a number from 0 to 1>/);
  });
});

describe('parseJudgeAnswer with many objects', () => {
  it('reads the first object carrying a verdict among several', () => {
    expect(parseJudgeAnswer('Notes: {"draft": 1} then {"score": 0.3}')).toMatchObject({
      ok: true,
      score: 0.3,
    });
  });
});
