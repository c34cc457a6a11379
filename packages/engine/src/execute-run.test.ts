import { LlmError } from '@tandem/llm';
import { describe, expect, it } from 'vitest';
import { systemClock } from './clock';
import { type ExecuteRunOptions, executeRun, type RunResult } from './execute-run';
import type { EnginePorts, HttpClient, HttpRequest } from './ports';
import { resumeFromEvents } from './resume';
import { type RunEvent, runEventSchema } from './run-events';
import { drive, FakeClock } from './test-support/fake-clock';
import { type LlmStep, ScriptedLlm } from './test-support/scripted-llm';
import { edge, llm, node, workflow } from './test-support/workflows';

const questionInput = node('input', 'input', {
  fields: [{ name: 'question', type: 'string', required: true, description: '' }],
});

type Harness = { clock: FakeClock; llm: ScriptedLlm; events: RunEvent[]; ports: EnginePorts };

function harness(script: Record<string, LlmStep[]> = {}, extra: Partial<EnginePorts> = {}): Harness {
  const clock = new FakeClock();
  const llmClient = new ScriptedLlm(clock, script);
  const events: RunEvent[] = [];
  const ports: EnginePorts = {
    llm: llmClient,
    clock,
    random: () => 0.5,
    emit: async (event) => {
      events.push(runEventSchema.parse(event));
    },
    ...extra,
  };
  return { clock, llm: llmClient, events, ports };
}

function run(
  h: Harness,
  options: Omit<ExecuteRunOptions, 'ports' | 'runId'> & { runId?: string },
): Promise<RunResult> {
  return drive(h.clock, executeRun({ runId: 'run-1', ports: h.ports, ...options }));
}

/** `type` or `type:nodeId` per event: a compact golden of the timeline. */
function timeline(events: RunEvent[]): string[] {
  return events.map((event) =>
    'nodeId' in event && event.nodeId ? `${event.type}:${event.nodeId}` : event.type,
  );
}

function expectGaplessSeq(events: RunEvent[], from = 0): void {
  expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + from));
  const times = events.map((event) => Date.parse(event.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));
}

const linear = workflow(
  [
    questionInput,
    llm('answer', 'Q: {{inputs.question}}', { systemPrompt: 'Be brief.' }),
    node('format', 'template', { template: 'A: {{nodes.answer.output}}' }),
    node('result', 'output', { name: 'reply' }),
  ],
  [edge('input', 'answer'), edge('answer', 'format'), edge('format', 'result')],
);

describe('executeRun', () => {
  it('runs a linear workflow and reports a golden timeline', async () => {
    const h = harness({
      answer: [{ text: 'forty-two', usage: { tokensIn: 7, tokensOut: 3 }, costUsd: 0.002 }],
    });
    const result = await run(h, { definition: linear, inputs: { question: 'meaning?' }, versionId: 'v1' });

    expect(result).toEqual({
      status: 'completed',
      outputs: { reply: 'A: forty-two' },
      usage: { tokensIn: 7, tokensOut: 3, costUsd: 0.002 },
    });
    expect(timeline(h.events)).toEqual([
      'run.started',
      'node.started:input',
      'node.completed:input',
      'node.started:answer',
      'node.completed:answer',
      'node.started:format',
      'node.completed:format',
      'node.started:result',
      'node.completed:result',
      'run.completed',
    ]);
    expectGaplessSeq(h.events);
    const [call] = h.llm.calls;
    expect(call?.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Q: meaning?' },
    ]);
    expect(call?.idempotencyKey).toBe('run-1:answer:1');
    expect(h.events[0]).toMatchObject({
      type: 'run.started',
      versionId: 'v1',
      inputs: { question: 'meaning?' },
    });
    expect(h.events.find((e) => e.type === 'node.completed' && e.nodeId === 'answer')).toMatchObject({
      output: 'forty-two',
      attempt: 1,
      usage: { tokensIn: 7, tokensOut: 3, costUsd: 0.002 },
    });
  });

  it('runs independent branches in parallel (real time)', async () => {
    const events: RunEvent[] = [];
    const slow = new ScriptedLlm(systemClock, {
      a: [{ text: 'A', delayMs: 200 }],
      b: [{ text: 'B', delayMs: 200 }],
    });
    const definition = workflow(
      [
        questionInput,
        llm('a', '{{inputs.question}}'),
        llm('b', '{{inputs.question}}'),
        node('m', 'merge'),
        node('out', 'output'),
      ],
      [edge('input', 'a'), edge('input', 'b'), edge('a', 'm'), edge('b', 'm'), edge('m', 'out')],
    );
    const started = performance.now();
    const result = await executeRun({
      definition,
      inputs: { question: 'q' },
      runId: 'r',
      ports: { llm: slow, clock: systemClock, emit: async (e) => void events.push(e) },
    });
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ status: 'completed', outputs: { result: { a: 'A', b: 'B' } } });
    expect(elapsed).toBeLessThan(350);
    expectGaplessSeq(events);
  });

  it('never runs more nodes at once than maxParallel', async () => {
    const h = harness({ a: [{ delayMs: 200 }], b: [{ delayMs: 200 }], c: [{ delayMs: 200 }] });
    const definition = workflow(
      [
        questionInput,
        llm('a', 'x'),
        llm('b', 'x'),
        llm('c', 'x'),
        node('m', 'merge', { mode: 'array' }),
        node('out', 'output'),
      ],
      [
        edge('input', 'a'),
        edge('input', 'b'),
        edge('input', 'c'),
        edge('a', 'm'),
        edge('b', 'm'),
        edge('c', 'm'),
        edge('m', 'out'),
      ],
    );
    const start = h.clock.now();
    const result = await run(h, { definition, inputs: { question: 'q' }, limits: { maxParallel: 2 } });
    expect(result.status).toBe('completed');
    // Two slots for three 200 ms calls: two rounds on virtual time.
    expect(h.clock.now() - start).toBe(400);
  });

  describe('conditions', () => {
    const branching = workflow(
      [
        questionInput,
        llm('classify', 'Classify {{inputs.question}}', { jsonMode: true }),
        node('route', 'condition', { expression: 'nodes.classify.output.category == "billing"' }),
        node('billing', 'template', { template: 'Billing: {{nodes.classify.output.summary}}' }),
        node('lookup', 'template', { template: 'Looking up {{inputs.question}}' }),
        node('lookupMore', 'template', { template: '{{nodes.lookup.output}}!' }),
        node('m', 'merge'),
        node('answer', 'output', { name: 'answer' }),
      ],
      [
        edge('input', 'classify'),
        edge('classify', 'route'),
        edge('route', 'billing', 'true'),
        edge('route', 'lookup', 'false'),
        edge('lookup', 'lookupMore'),
        edge('billing', 'm'),
        edge('lookupMore', 'm'),
        edge('m', 'answer'),
      ],
    );

    it('takes the true branch, skips the false branch and all it alone feeds; the merge still runs', async () => {
      const h = harness({ classify: [{ text: '{"category":"billing","summary":"refund"}' }] });
      const result = await run(h, { definition: branching, inputs: { question: 'refund?' } });
      expect(result).toMatchObject({
        status: 'completed',
        outputs: { answer: { billing: 'Billing: refund' } },
      });
      const skipped = h.events.filter((e) => e.type === 'node.skipped').map((e) => e.nodeId);
      expect(skipped).toEqual(['lookup', 'lookupMore']);
      expect(h.events.find((e) => e.type === 'node.completed' && e.nodeId === 'route')).toMatchObject({
        output: true,
      });
      expect(timeline(h.events)).not.toContain('node.started:lookup');
      expectGaplessSeq(h.events);
    });

    it('takes the false branch', async () => {
      const h = harness({ classify: [{ text: '{"category":"technical","summary":"crash"}' }] });
      const result = await run(h, { definition: branching, inputs: { question: 'crash?' } });
      expect(result).toMatchObject({
        status: 'completed',
        outputs: { answer: { lookupMore: 'Looking up crash?!' } },
      });
      expect(h.events.filter((e) => e.type === 'node.skipped').map((e) => e.nodeId)).toEqual(['billing']);
    });
  });

  describe('retries', () => {
    it('retries a retryable error after backoff, honouring retryAfterMs, then succeeds', async () => {
      const h = harness({
        answer: [
          { error: new LlmError('rate_limited', 'Slow down', { retryAfterMs: 2_000 }) },
          { text: 'ok' },
        ],
      });
      const start = h.clock.now();
      const result = await run(h, { definition: linear, inputs: { question: 'q' } });
      expect(result).toMatchObject({ status: 'completed', outputs: { reply: 'A: ok' } });
      const retrying = h.events.find((e) => e.type === 'node.retrying');
      expect(retrying).toMatchObject({
        nodeId: 'answer',
        attempt: 1,
        delayMs: 2_000,
        error: { kind: 'operational', message: 'Slow down' },
      });
      expect(h.clock.now() - start).toBeGreaterThanOrEqual(2_000);
      expect(h.llm.calls.map((c) => c.idempotencyKey)).toEqual(['run-1:answer:1', 'run-1:answer:2']);
      expect(h.events.find((e) => e.type === 'node.completed' && e.nodeId === 'answer')).toMatchObject({
        attempt: 2,
      });
      expectGaplessSeq(h.events);
    });

    it('fails the run when retries are exhausted, with exponential jittered delays', async () => {
      const h = harness({ answer: [{ error: new LlmError('server', 'Upstream 503') }] });
      const result = await run(h, {
        definition: linear,
        inputs: { question: 'q' },
        limits: { retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 10_000 } },
      });
      expect(result).toEqual({
        status: 'failed',
        nodeId: 'answer',
        error: { kind: 'operational', message: 'Node "answer" failed: Upstream 503' },
      });
      expect(h.llm.calls).toHaveLength(3);
      // random() = 0.5 → half fixed + a quarter: 75 ms, then 150 ms.
      expect(h.events.filter((e) => e.type === 'node.retrying').map((e) => e.delayMs)).toEqual([75, 150]);
      expect(timeline(h.events).slice(-2)).toEqual(['node.failed:answer', 'run.failed:answer']);
      expect(h.events.at(-1)).toMatchObject({ type: 'run.failed', nodeId: 'answer' });
    });

    it('does not retry a non-retryable error', async () => {
      const h = harness({ answer: [{ error: new LlmError('auth', 'Bad key') }] });
      const result = await run(h, { definition: linear, inputs: { question: 'q' } });
      expect(result).toMatchObject({ status: 'failed', error: { kind: 'user' } });
      expect(h.llm.calls).toHaveLength(1);
    });
  });

  describe('timeouts and cancellation', () => {
    it('times out a node attempt, aborting the model call', async () => {
      const h = harness({ answer: [{ hang: true }] });
      const result = await run(h, {
        definition: linear,
        inputs: { question: 'q' },
        limits: { nodeTimeoutMs: 1_000, retry: { maxAttempts: 1 } },
      });
      expect(result).toMatchObject({
        status: 'failed',
        nodeId: 'answer',
        error: { kind: 'timeout', message: 'Node "answer" failed: The node did not finish within 1000 ms.' },
      });
      expect(h.llm.abortedCalls).toHaveLength(1);
    });

    it('times out the whole run', async () => {
      const h = harness({ answer: [{ hang: true }] });
      const result = await run(h, {
        definition: linear,
        inputs: { question: 'q' },
        limits: { runTimeoutMs: 5_000, nodeTimeoutMs: 60_000 },
      });
      expect(result).toEqual({
        status: 'failed',
        error: { kind: 'timeout', message: 'The run did not finish within 5000 ms.' },
      });
      expect(h.events.find((e) => e.type === 'node.failed')).toMatchObject({
        nodeId: 'answer',
        error: { kind: 'timeout' },
      });
      expect(h.llm.abortedCalls).toHaveLength(1);
      expectGaplessSeq(h.events);
    });

    it('cancels mid-stream: the model call sees its signal abort', async () => {
      const controller = new AbortController();
      const h = harness({ answer: [{ deltas: ['Hel', 'lo ', 'wor', 'ld'], deltaDelayMs: 50 }] });
      const emit = h.ports.emit;
      h.ports.emit = async (event) => {
        await emit(event);
        if (event.type === 'node.delta' && event.text === 'lo ') controller.abort('Stopped by Ada');
      };
      const result = await run(h, {
        definition: linear,
        inputs: { question: 'q' },
        signal: controller.signal,
      });
      expect(result).toEqual({ status: 'cancelled', reason: 'Stopped by Ada' });
      expect(h.llm.abortedCalls).toHaveLength(1);
      expect(h.events.filter((e) => e.type === 'node.delta').map((e) => e.text)).toEqual(['Hel', 'lo ']);
      expect(timeline(h.events).slice(-2)).toEqual(['node.failed:answer', 'run.cancelled']);
      expect(h.events.at(-2)).toMatchObject({ error: { kind: 'cancelled' } });
      expectGaplessSeq(h.events);
    });
  });

  describe('inputs and references', () => {
    it('fails with the reference named when a template value is missing', async () => {
      const h = harness({ answer: [{ text: '{"category":"billing"}' }] });
      const definition = workflow(
        [
          questionInput,
          llm('answer', 'x', { jsonMode: true }),
          node('format', 'template', { template: 'S: {{ nodes.answer.output.summary }}' }),
          node('result', 'output'),
        ],
        [edge('input', 'answer'), edge('answer', 'format'), edge('format', 'result')],
      );
      const result = await run(h, { definition, inputs: { question: 'q' } });
      expect(result).toMatchObject({ status: 'failed', nodeId: 'format', error: { kind: 'user' } });
      expect(result.status === 'failed' && result.error.message).toBe(
        'Node "format" failed: Cannot resolve {{nodes.answer.output.summary}}: nodes.answer.output has no field "summary".',
      );
    });

    it('refuses inputs that do not match the declared fields, naming the field', async () => {
      const h = harness();
      const missing = await run(h, { definition: linear, inputs: {} });
      expect(missing).toEqual({
        status: 'failed',
        field: 'question',
        error: { kind: 'user', message: 'Input "question" is required.' },
      });
      expect(h.events.at(-1)).toMatchObject({ type: 'run.failed', field: 'question' });
      const wrongType = await run(harness(), { definition: linear, inputs: { question: 42 } });
      expect(wrongType).toMatchObject({ error: { message: 'Input "question" must be a string.' } });
      expect(h.llm.calls).toHaveLength(0);
    });
  });

  describe('http and code nodes', () => {
    it('retries an HTTP 503 and outputs the parsed JSON body; a 404 fails without retry', async () => {
      const requests: HttpRequest[] = [];
      const statuses = [503, 200, 404];
      const http: HttpClient = {
        request: async (request) => {
          requests.push(request);
          const status = statuses[requests.length - 1] ?? 500;
          return {
            status,
            headers: { 'content-type': 'application/json', 'retry-after': '1' },
            body: '{"hits":3}',
            url: request.url,
          };
        },
      };
      const definition = workflow(
        [
          questionInput,
          node('kb', 'http', { urlTemplate: 'https://kb.example.com/s?q={{inputs.question}}' }),
          node('out', 'output'),
        ],
        [edge('input', 'kb'), edge('kb', 'out')],
      );
      const h = harness({}, { http });
      const ok = await run(h, { definition, inputs: { question: 'a&b c' } });
      expect(ok).toMatchObject({
        status: 'completed',
        outputs: { result: { status: 200, body: { hits: 3 } } },
      });
      expect(requests[0]?.url).toBe('https://kb.example.com/s?q=a%26b%20c');
      expect(h.events.find((e) => e.type === 'node.retrying')).toMatchObject({ delayMs: 1_000 });
      const failed = await run(harness({}, { http }), { definition, inputs: { question: 'x' } });
      expect(failed).toMatchObject({ status: 'failed', error: { kind: 'user' } });
      expect(requests).toHaveLength(3);
    });

    it('runs a code node in the sandbox with inputs and upstream outputs', async () => {
      const definition = workflow(
        [
          questionInput,
          llm('answer', 'x', { jsonMode: true }),
          node('shape', 'code', {
            source: 'return { q: inputs.question.toUpperCase(), n: nodes.answer.output.n * 2 };',
          }),
          node('out', 'output'),
        ],
        [edge('input', 'answer'), edge('answer', 'shape'), edge('shape', 'out')],
      );
      const h = harness({ answer: [{ text: '{"n":21}' }] });
      h.ports.clock = systemClock;
      const result = await executeRun({ definition, inputs: { question: 'hi' }, runId: 'r', ports: h.ports });
      expect(result).toMatchObject({ status: 'completed', outputs: { result: { q: 'HI', n: 42 } } });
    });
  });

  describe('resume', () => {
    const chain = workflow(
      [
        questionInput,
        llm('one', '{{inputs.question}}'),
        llm('two', '{{nodes.one.output}}'),
        llm('three', '{{nodes.two.output}}'),
        node('out', 'output'),
      ],
      [edge('input', 'one'), edge('one', 'two'), edge('two', 'three'), edge('three', 'out')],
    );

    it('continues from the last completed node without running completed nodes again', async () => {
      const first = harness({ one: [{ text: '1' }], two: [{ text: '2' }], three: [{ hang: true }] });
      const crashed = new AbortController();
      // The first worker "dies" while node three is in flight: keep only the events stored up to then.
      const stored: RunEvent[] = [];
      first.ports.emit = async (event) => {
        stored.push(event);
        if (event.type === 'node.started' && event.nodeId === 'three') crashed.abort('worker died');
      };
      await run(first, { definition: chain, inputs: { question: 'q' }, signal: crashed.signal });
      const untilCrash = stored.slice(
        0,
        stored.findIndex((e) => e.type === 'node.started' && e.nodeId === 'three') + 1,
      );

      const state = resumeFromEvents(untilCrash);
      expect(state.status).toBe('resumable');
      if (state.status !== 'resumable') return;
      const second = harness({ three: [{ text: '3', usage: { tokensIn: 1, tokensOut: 1 }, costUsd: 0.5 }] });
      const result = await run(second, {
        definition: chain,
        inputs: { question: 'q' },
        resume: state.resume,
      });

      expect(result).toMatchObject({ status: 'completed', outputs: { result: '3' } });
      expect(second.llm.calls.map((c) => c.idempotencyKey)).toEqual(['run-1:three:1']);
      expect(second.llm.calls[0]?.messages).toEqual([{ role: 'user', content: '2' }]);
      // Usage covers the whole run: two calls before the crash (10+5 each at 0.001) and the one after.
      expect(result.status === 'completed' && result.usage).toEqual({
        tokensIn: 21,
        tokensOut: 11,
        costUsd: 0.502,
      });
      expectGaplessSeq([...untilCrash, ...second.events]);
      expect(timeline(second.events)[0]).toBe('node.started:three');
    });

    it('re-derives condition branches from stored outputs without reporting skips twice', async () => {
      const definition = workflow(
        [
          questionInput,
          node('route', 'condition', { expression: 'inputs.question == "a"' }),
          llm('yes', 'y'),
          llm('no', 'n'),
          node('out', 'output'),
        ],
        [
          edge('input', 'route'),
          edge('route', 'yes', 'true'),
          edge('route', 'no', 'false'),
          edge('yes', 'out'),
          edge('no', 'out'),
        ],
      );
      const first = harness();
      await run(first, { definition, inputs: { question: 'a' } });
      const cut = first.events.findIndex((e) => e.type === 'node.started' && e.nodeId === 'yes');
      const state = resumeFromEvents(first.events.slice(0, cut));
      if (state.status !== 'resumable') throw new Error('expected a resumable run');
      expect(state.resume.skipped).toEqual(['no']);
      const second = harness();
      const result = await run(second, { definition, inputs: { question: 'a' }, resume: state.resume });
      expect(result).toMatchObject({ status: 'completed', outputs: { result: 'answer from yes' } });
      expect(second.events.filter((e) => e.type === 'node.skipped')).toEqual([]);
      expect(second.llm.calls.map((c) => c.model)).toEqual(['yes']);
    });

    it('reports a finished run as finished', () => {
      const h = harness();
      const events: RunEvent[] = [
        { type: 'run.cancelled', runId: 'r', seq: 0, at: new Date(h.clock.now()).toISOString(), reason: 'x' },
      ];
      expect(resumeFromEvents(events).status).toBe('finished');
    });
  });

  it('keeps seq gapless and ordered across parallel streaming nodes', async () => {
    const h = harness({
      a: [{ deltas: ['a1', 'a2', 'a3'], deltaDelayMs: 10 }],
      b: [{ deltas: ['b1', 'b2'], deltaDelayMs: 15 }],
    });
    const definition = workflow(
      [questionInput, llm('a', 'x'), llm('b', 'x'), node('m', 'merge'), node('out', 'output')],
      [edge('input', 'a'), edge('input', 'b'), edge('a', 'm'), edge('b', 'm'), edge('m', 'out')],
    );
    const result = await run(h, { definition, inputs: { question: 'q' } });
    expect(result).toMatchObject({ status: 'completed', outputs: { result: { a: 'a1a2a3', b: 'b1b2' } } });
    expectGaplessSeq(h.events);
    expect(h.events.filter((e) => e.type === 'node.delta')).toHaveLength(5);
    expect(new Set(h.events.map((e) => e.runId))).toEqual(new Set(['run-1']));
  });

  it('rejects when the event store fails, after stopping the run', async () => {
    const h = harness({ answer: [{ delayMs: 100 }] });
    h.ports.emit = async (event) => {
      if (event.type === 'node.completed') throw new Error('database down');
    };
    await expect(run(h, { definition: linear, inputs: { question: 'q' } })).rejects.toThrow('database down');
  });
});
