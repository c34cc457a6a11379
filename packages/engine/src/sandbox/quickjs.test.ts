import { newQuickJSWASMModule, type QuickJSRuntime, RELEASE_SYNC } from 'quickjs-emscripten';
import { describe, expect, it } from 'vitest';
import { NodeFailure } from '../errors';
import type { CodeSandboxInput } from '../ports';
import { createQuickJsSandbox } from './quickjs';

const sandbox = createQuickJsSandbox();

function input(source: string, overrides: Partial<CodeSandboxInput> = {}): CodeSandboxInput {
  return {
    source,
    inputs: { n: 2, name: 'Ada' },
    nodes: { classify: { output: { category: 'billing' } } },
    timeoutMs: 500,
    memoryLimitBytes: 8 * 1024 * 1024,
    maxStackSizeBytes: 256 * 1024,
    maxOutputBytes: 10_000,
    ...overrides,
  };
}

async function failure(source: string, overrides: Partial<CodeSandboxInput> = {}): Promise<NodeFailure> {
  const error = await sandbox.run(input(source, overrides)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NodeFailure);
  return error as NodeFailure;
}

describe('QuickJS code sandbox', () => {
  it('gives the source inputs and upstream outputs and returns a JSON value', async () => {
    await expect(
      sandbox.run(
        input(
          'return { double: inputs.n * 2, hello: "hi " + inputs.name, c: nodes.classify.output.category };',
        ),
      ),
    ).resolves.toEqual({ double: 4, hello: 'hi Ada', c: 'billing' });
    await expect(sandbox.run(input('return undefined;'))).resolves.toBeNull();
    await expect(sandbox.run(input('return [1, "a", null, true];'))).resolves.toEqual([1, 'a', null, true]);
  });

  it('settles an async body', async () => {
    await expect(sandbox.run(input('return Promise.resolve(41).then((v) => v + 1);'))).resolves.toBe(42);
    expect((await failure('return Promise.reject(new Error("nope"));')).message).toContain('nope');
    expect((await failure('return new Promise(() => {});')).message).toContain('never settled');
  });

  it('reports a thrown error as a user failure with its message', async () => {
    const error = await failure('throw new TypeError("bad input");');
    expect(error.kind).toBe('user');
    expect(error.message).toBe('The code threw TypeError: bad input');
    expect((await failure('return (')).message).toContain('SyntaxError');
  });

  it('has no host access: require, process, fetch, module and friends are absent', async () => {
    const probe = await sandbox.run(
      input(`return {
        require: typeof require, process: typeof process, fetch: typeof fetch, module: typeof module,
        Buffer: typeof Buffer, setTimeout: typeof setTimeout, importScripts: typeof importScripts,
        globalProcess: typeof globalThis.process, std: typeof std, os: typeof os,
      };`),
    );
    expect(Object.values(probe as Record<string, string>).every((type) => type === 'undefined')).toBe(true);
  });

  it('keeps escape tricks inside the sandbox', async () => {
    // Each trick reaches the guest's own global object at best, which has nothing of the host.
    const tricks = [
      "return typeof Function('return this')().process;",
      "return typeof globalThis.constructor.constructor('return process')();",
      "return (() => {}).constructor('return typeof require')();",
      'return typeof this;',
      "return typeof Object.getPrototypeOf(async function () {}).constructor('return process');",
    ];
    const results = [];
    for (const source of tricks) {
      results.push(await sandbox.run(input(source)).catch((error: unknown) => (error as Error).message));
    }
    expect(results[0]).toBe('undefined');
    expect(results[1]).toMatch(/ReferenceError|undefined/);
    expect(results[2]).toBe('undefined');
    expect(results[3]).toBe('undefined');
    expect(results[4]).toBe('function');
    await expect(
      sandbox.run(input('return (function () { return typeof this.process; }).call(globalThis);')),
    ).resolves.toBe('undefined');
    // Dynamic import has no module loader to reach.
    expect((await failure("return import('node:fs');")).kind).toBe('user');
  });

  it('interrupts an infinite loop, even one that catches errors', async () => {
    const started = performance.now();
    const error = await failure('for (;;) { try { while (true) {} } catch (e) {} }', { timeoutMs: 100 });
    expect(error.kind).toBe('timeout');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('100 ms');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('fails cleanly on a memory bomb and a runaway recursion', async () => {
    // A generous deadline: on a loaded machine the 500 ms default could stop the bomb before memory runs out.
    const bomb = await failure('const a = []; for (;;) a.push({ i: a.length, s: "item" + a.length });', {
      timeoutMs: 10_000,
    });
    expect(bomb.kind).toBe('user');
    expect(bomb.message).toContain('out of memory');
    expect((await failure('return new ArrayBuffer(1 << 30).byteLength;')).message).toContain('out of memory');
    const deep = await failure('function f(n) { return f(n + 1) + 1; } return f(0);');
    expect(deep.message).toMatch(/stack|memory/);
    // The sandbox still works afterwards.
    await expect(sandbox.run(input('return 1 + 1;'))).resolves.toBe(2);
  });

  it('refuses a result larger than the output limit', async () => {
    const error = await failure('return "x".repeat(20000);');
    expect(error.message).toContain('larger than 10000 bytes');
  });

  it('disposes every runtime and context: 200 executions leave no WASM memory behind', async () => {
    const module = await newQuickJSWASMModule(RELEASE_SYNC);
    const runtimes: QuickJSRuntime[] = [];
    const counted = createQuickJsSandbox({
      module: async () => ({
        newRuntime: (options) => {
          const runtime = module.newRuntime(options);
          runtimes.push(runtime);
          return runtime;
        },
      }),
    });
    const sources = [
      'return inputs.n + 1;',
      'throw new Error("x");',
      'for (;;) {}',
      'return "y".repeat(1000);',
    ];
    const run = (i: number) =>
      counted.run(input(sources[i % sources.length] ?? '', { timeoutMs: 5 })).catch(() => undefined);
    for (let i = 0; i < 20; i++) await run(i);
    const before = module.getWasmMemory().buffer.byteLength;
    for (let i = 0; i < 200; i++) await run(i);
    expect(module.getWasmMemory().buffer.byteLength).toBe(before);
    expect(runtimes).toHaveLength(220);
    expect(runtimes.filter((runtime) => runtime.alive)).toEqual([]);
  });
});
