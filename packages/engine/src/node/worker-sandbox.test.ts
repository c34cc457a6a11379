import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeFailure } from '../errors';
import type { CodeSandboxInput } from '../ports';
import { createQuickJsSandbox } from '../sandbox/quickjs';
import { crashNextRunForTest, createWorkerCodeSandbox } from './worker-sandbox';

const HEAVY_BUILT_IN_LOOP = 'const a = []; for (let i = 0;; i++) a.push("x".repeat(1 << 20) + i);';

function input(source: string, overrides: Partial<CodeSandboxInput> = {}): CodeSandboxInput {
  return {
    source,
    inputs: { n: 2, name: 'Ada' },
    nodes: { classify: { output: { category: 'billing' } } },
    timeoutMs: 500,
    memoryLimitBytes: 32 * 1024 * 1024,
    maxStackSizeBytes: 256 * 1024,
    maxOutputBytes: 10_000,
    ...overrides,
  };
}

type Settled =
  | { ok: true; value: unknown }
  | { ok: false; kind: string; message: string; retryable: boolean };

async function settle(promise: Promise<unknown>): Promise<Settled> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    expect(error).toBeInstanceOf(NodeFailure);
    const { kind, message, retryable } = error as NodeFailure;
    return { ok: false, kind, message, retryable };
  }
}

async function failure(promise: Promise<unknown>): Promise<NodeFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NodeFailure);
  return error as NodeFailure;
}

describe('worker code sandbox', () => {
  const sandbox = createWorkerCodeSandbox({ size: 2 });

  beforeAll(() => sandbox.ready(), 30_000);
  afterAll(() => sandbox.close());

  it('returns the same results and failures as the in-thread sandbox', async () => {
    const inThread = createQuickJsSandbox();
    const golden: [string, Partial<CodeSandboxInput>?][] = [
      ['return { double: inputs.n * 2, hello: "hi " + inputs.name, c: nodes.classify.output.category };'],
      ['return undefined;'],
      ['return [1, "a", null, true, { nested: [1.5, -0] }];'],
      ['return Promise.resolve(41).then((v) => v + 1);'],
      ['throw new TypeError("bad input");'],
      ['return ('],
      ['return new Promise(() => {});'],
      ['return typeof process + typeof require + typeof fetch;'],
      ['return "x".repeat(20000);'],
      ['for (;;) {}', { timeoutMs: 50 }],
      [
        'const a = []; for (;;) a.push({ i: a.length, s: "item" + a.length });',
        { memoryLimitBytes: 8 << 20, timeoutMs: 10_000 },
      ],
      ['function f(n) { return f(n + 1) + 1; } return f(0);'],
      // Inputs reach the guest as JSON either way: a Date becomes its string, an undefined field disappears.
      ['return [inputs, Object.keys(inputs)];', { inputs: { when: new Date(0), skip: undefined, n: 1 } }],
      ['return 1;', { inputs: { big: 1n } }],
    ];
    for (const [source, overrides] of golden) {
      const expected = await settle(inThread.run(input(source, overrides)));
      const actual = await settle(sandbox.run(input(source, overrides)));
      expect({ source, ...actual }).toEqual({ source, ...expected });
    }
  });

  it('stops a heavy built-in loop within the deadline, as the usual timeout failure', async () => {
    await sandbox.ready();
    const started = performance.now();
    const error = await failure(sandbox.run(input(HEAVY_BUILT_IN_LOOP, { timeoutMs: 500 })));
    const elapsed = performance.now() - started;
    expect(error.kind).toBe('timeout');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('The code ran longer than 500 ms and was stopped.');
    expect(elapsed).toBeLessThan(500 + 300);
    // The terminated worker is replaced, and the pool keeps working.
    await expect(sandbox.run(input('return inputs.n + 1;'))).resolves.toBe(3);
    await sandbox.ready();
    expect(sandbox.stats()).toMatchObject({ busy: 0, queued: 0 });
    // The terminated thread exits; its replacement keeps the pool at its size.
    await expect.poll(() => sandbox.stats().workers).toBe(2);
  });

  it('keeps the main event loop ticking while guest code spins', async () => {
    await sandbox.ready();
    let ticks = 0;
    const interval = setInterval(() => ticks++, 10);
    try {
      const error = await failure(sandbox.run(input('for (;;) {}', { timeoutMs: 400 })));
      expect(error.kind).toBe('timeout');
    } finally {
      clearInterval(interval);
    }
    // ~40 ticks if nothing blocks; an in-thread run would give 0 or 1.
    expect(ticks).toBeGreaterThanOrEqual(15);
  });

  it('replaces a crashed worker and fails only the job it was running', async () => {
    for (const mode of ['throw', 'exit'] as const) {
      const error = await failure(crashNextRunForTest(sandbox, input('return 1;'), mode));
      expect(error.kind).toBe('internal');
      expect(error.message).toBe('The code sandbox failed unexpectedly.');
      await expect(sandbox.run(input('return inputs.n * 10;'))).resolves.toBe(20);
    }
    await sandbox.ready();
    expect(sandbox.stats()).toMatchObject({ busy: 0, queued: 0 });
    // The terminated thread exits; its replacement keeps the pool at its size.
    await expect.poll(() => sandbox.stats().workers).toBe(2);
  });

  it('queues calls while every worker is busy', async () => {
    await sandbox.ready();
    const runs = [0, 1, 2].map((i) =>
      sandbox.run(input(`const end = Date.now() + 150; while (Date.now() < end) {} return ${i};`)),
    );
    expect(sandbox.stats()).toMatchObject({ busy: 2, queued: 1 });
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2]);
    expect(sandbox.stats()).toMatchObject({ busy: 0, queued: 0 });
  });

  it('stops a job when its signal aborts, queued or running', async () => {
    await sandbox.ready();
    const running = new AbortController();
    const queuedA = new AbortController();
    const spin = (signal: AbortSignal) => sandbox.run(input('for (;;) {}', { timeoutMs: 5_000, signal }));
    const first = spin(running.signal);
    const second = sandbox.run(input('for (;;) {}', { timeoutMs: 300 }));
    const third = spin(queuedA.signal);
    expect(sandbox.stats()).toMatchObject({ busy: 2, queued: 1 });
    queuedA.abort();
    expect((await failure(third)).kind).toBe('cancelled');
    expect(sandbox.stats().queued).toBe(0);
    const started = performance.now();
    running.abort();
    expect((await failure(first)).kind).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(100);
    expect((await failure(second)).kind).toBe('timeout');
    await expect(
      failure(sandbox.run(input('return 1;', { signal: AbortSignal.abort() }))),
    ).resolves.toMatchObject({ kind: 'cancelled' });
    await expect(sandbox.run(input('return 7;'))).resolves.toBe(7);
  });
});

describe('worker code sandbox pool limits', () => {
  it('refuses work beyond a full queue as a retryable operational failure', async () => {
    const small = createWorkerCodeSandbox({ size: 1, maxQueue: 1 });
    try {
      await small.ready();
      const busy = small.run(input('const end = Date.now() + 100; while (Date.now() < end) {} return 1;'));
      const queued = small.run(input('return 2;'));
      const refused = await failure(small.run(input('return 3;')));
      expect(refused.kind).toBe('operational');
      expect(refused.retryable).toBe(true);
      await expect(Promise.all([busy, queued])).resolves.toEqual([1, 2]);
    } finally {
      await small.close();
    }
  }, 30_000);

  it('close() fails pending work and leaves no worker running', async () => {
    const pool = createWorkerCodeSandbox({ size: 2 });
    await pool.ready();
    const running = failure(pool.run(input('for (;;) {}', { timeoutMs: 10_000 })));
    expect(pool.stats().workers).toBe(2);
    await pool.close();
    expect((await running).message).toContain('closed');
    expect(pool.stats()).toEqual({ workers: 0, busy: 0, queued: 0 });
    expect((await failure(pool.run(input('return 1;')))).message).toContain('closed');
    await pool.close();
  }, 30_000);

  it('bounds the worker heap: a worker that exceeds resourceLimits dies and is replaced', async () => {
    const tight = createWorkerCodeSandbox({ size: 1, resourceLimits: { maxOldGenerationSizeMb: 48 } });
    try {
      await tight.ready();
      // The result fits QuickJS's memory limit and the output limit, but not the worker's own V8 heap.
      const big = input('return Array.from({ length: 24 }, (_, i) => "x".repeat(4e6) + i);', {
        memoryLimitBytes: 512 * 1024 * 1024,
        maxOutputBytes: 1e9,
        timeoutMs: 10_000,
      });
      const error = await failure(tight.run(big));
      expect(error.kind).toBe('internal');
      await expect(tight.run(input('return 5;'))).resolves.toBe(5);
    } finally {
      await tight.close();
    }
  }, 30_000);
});

describe('worker code sandbox loaded from TypeScript source by tsx', () => {
  it('loads its worker entry from TypeScript source the way the server starts', async () => {
    const script = fileURLToPath(new URL('./test-fixtures/worker-sandbox-tsx.ts', import.meta.url));
    const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
      cwd: packageRoot,
      timeout: 30_000,
    });
    const result = JSON.parse(stdout.trim()) as {
      value: unknown;
      failure: { kind: string; message: string } | null;
      elapsedMs: number;
      workers: number;
    };
    expect(result.value).toBe(42);
    expect(result.failure).toEqual({
      kind: 'timeout',
      message: 'The code ran longer than 300 ms and was stopped.',
    });
    expect(result.elapsedMs).toBeLessThan(300 + 300);
    expect(result.workers).toBe(0);
  }, 30_000);

  it('also works under the tsx CLI (how the server container starts: `tsx src/main.ts`)', async () => {
    const script = fileURLToPath(new URL('./test-fixtures/worker-sandbox-tsx.ts', import.meta.url));
    const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
    const cli = fileURLToPath(import.meta.resolve('tsx/cli'));
    const { stdout } = await promisify(execFile)(process.execPath, [cli, script], {
      cwd: packageRoot,
      timeout: 30_000,
    });
    expect(JSON.parse(stdout.trim())).toMatchObject({ value: 42, failure: { kind: 'timeout' }, workers: 0 });
  }, 30_000);

  it('keeps the process alive while a job waits, and lets it exit without close() once idle', async () => {
    const script = fileURLToPath(new URL('./test-fixtures/worker-sandbox-tsx.ts', import.meta.url));
    const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', script, '--no-close'],
      {
        cwd: packageRoot,
        timeout: 30_000,
      },
    );
    expect(JSON.parse(stdout.trim())).toMatchObject({ value: 42, failure: { kind: 'timeout' } });
  }, 30_000);
});
