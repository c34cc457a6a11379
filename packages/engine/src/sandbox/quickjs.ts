import {
  newQuickJSWASMModule,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
  RELEASE_SYNC,
} from 'quickjs-emscripten';
import { NodeFailure } from '../errors';
import type { CodeSandbox, CodeSandboxInput } from '../ports';

/** The part of a QuickJS WASM module the sandbox uses (tests pass a `TestQuickJSWASMModule`). */
export type QuickJsModule = Pick<QuickJSWASMModule, 'newRuntime'>;

let sharedModule: Promise<QuickJSWASMModule> | null = null;

/** The synchronous release build, loaded once per process: a module costs memory, a runtime is cheap. */
function loadSharedModule(): Promise<QuickJSWASMModule> {
  sharedModule ??= newQuickJSWASMModule(RELEASE_SYNC);
  return sharedModule;
}

/**
 * The user's source becomes the body of a strict function of `(inputs, nodes)`; the payload crosses into the
 * VM as one JSON string, so no host object or function is ever reachable from the guest.
 */
function wrap(source: string): string {
  return `(function (payload) {
  const data = JSON.parse(payload);
  return (function (inputs, nodes) {
"use strict";
${source}
  }).call(undefined, data.inputs, data.nodes);
})`;
}

const SERIALISE =
  '(function (value) { const json = JSON.stringify(value); return json === undefined ? "null" : json; })';

type Outcome = { ok: true; json: string } | { ok: false; error: unknown };

function describeError(context: QuickJSContext, handle: QuickJSHandle): { name: string; message: string } {
  const dumped: unknown = context.dump(handle);
  if (typeof dumped === 'object' && dumped !== null) {
    const { name, message } = dumped as { name?: unknown; message?: unknown };
    return {
      name: typeof name === 'string' ? name : 'Error',
      message: typeof message === 'string' ? message : '',
    };
  }
  return { name: 'Error', message: String(dumped) };
}

class Execution {
  /** Every handle we own; disposed in reverse before the context, or the runtime leaks WASM memory. */
  private readonly handles: QuickJSHandle[] = [];
  interrupted = false;

  constructor(
    readonly runtime: QuickJSRuntime,
    readonly context: QuickJSContext,
  ) {}

  own(handle: QuickJSHandle): QuickJSHandle {
    this.handles.push(handle);
    return handle;
  }

  /** Unwraps an eval/call result, owning whichever handle it carries. */
  take(result: { error: QuickJSHandle } | { value: QuickJSHandle }): QuickJSHandle {
    if ('error' in result) {
      this.own(result.error);
      throw new GuestError(describeError(this.context, result.error));
    }
    return this.own(result.value);
  }

  run(input: CodeSandboxInput): Outcome {
    try {
      const { context } = this;
      const fn = this.take(context.evalCode(wrap(input.source), 'code-node.js'));
      const payload = this.own(
        context.newString(JSON.stringify({ inputs: input.inputs, nodes: input.nodes })),
      );
      let value = this.take(context.callFunction(fn, context.undefined, payload));
      if (context.typeof(value) === 'object' && this.isPromise(value)) value = this.settle(value);
      const serialise = this.take(context.evalCode(SERIALISE, 'serialise.js'));
      const json = this.take(context.callFunction(serialise, context.undefined, value));
      if (context.typeof(json) !== 'string')
        throw new GuestError({ name: 'TypeError', message: 'Result is not JSON.' });
      return { ok: true, json: context.getString(json) };
    } catch (error) {
      return { ok: false, error };
    } finally {
      for (const handle of this.handles.reverse()) if (handle.alive) handle.dispose();
    }
  }

  private isPromise(handle: QuickJSHandle): boolean {
    const check = this.take(
      this.context.evalCode('(function (v) { return v instanceof Promise; })', 'is-promise.js'),
    );
    const result = this.take(this.context.callFunction(check, this.context.undefined, handle));
    return this.context.dump(result) === true;
  }

  /** Runs queued jobs so an `async` body settles; there are no timers or I/O, so pending means never. */
  private settle(promise: QuickJSHandle): QuickJSHandle {
    const jobs = this.runtime.executePendingJobs();
    if ('error' in jobs && jobs.error) {
      this.own(jobs.error);
      throw new GuestError(describeError(this.context, jobs.error));
    }
    const state = this.context.getPromiseState(promise);
    if (state.type === 'pending') {
      throw new GuestError({
        name: 'Error',
        message: 'The returned promise never settled (code nodes have no timers or I/O).',
      });
    }
    if (state.type === 'rejected') {
      this.own(state.error);
      throw new GuestError(describeError(this.context, state.error));
    }
    return this.own(state.value);
  }
}

class GuestError extends Error {
  constructor(readonly guest: { name: string; message: string }) {
    super(guest.message);
  }
}

function toFailure(error: unknown, input: CodeSandboxInput, interrupted: boolean): NodeFailure {
  if (interrupted) {
    return new NodeFailure('timeout', `The code ran longer than ${input.timeoutMs} ms and was stopped.`);
  }
  if (error instanceof GuestError) {
    const { name, message } = error.guest;
    if (/out of memory/i.test(message)) {
      const mb = Math.round(input.memoryLimitBytes / (1024 * 1024));
      return new NodeFailure('user', `The code ran out of memory (limit ${mb} MB).`);
    }
    if (/stack overflow/i.test(message)) return new NodeFailure('user', 'The code overflowed its stack.');
    return new NodeFailure('user', `The code threw ${name}: ${message}`);
  }
  return new NodeFailure('internal', 'The code sandbox failed unexpectedly.', { cause: error });
}

/**
 * A `CodeSandbox` on QuickJS compiled to WebAssembly: the guest has only the ECMAScript built-ins (no require,
 * process, fetch or host objects), a memory limit, a stack limit and a deadline enforced by an interrupt
 * handler. Each run gets a fresh runtime and context, disposed afterwards. The deadline uses wall-clock time
 * on purpose: guest code runs synchronously, so nothing else (including a fake clock) could advance meanwhile.
 */
export function createQuickJsSandbox(options?: { module?: () => Promise<QuickJsModule> }): CodeSandbox {
  const load = options?.module ?? loadSharedModule;
  return {
    async run(input) {
      const module = await load();
      const runtime = module.newRuntime();
      let execution: Execution | null = null;
      try {
        runtime.setMemoryLimit(input.memoryLimitBytes);
        runtime.setMaxStackSize(input.maxStackSizeBytes);
        const deadline = performance.now() + input.timeoutMs;
        runtime.setInterruptHandler(() => {
          if (performance.now() < deadline) return false;
          if (execution) execution.interrupted = true;
          return true;
        });
        const context = runtime.newContext();
        try {
          execution = new Execution(runtime, context);
          const outcome = execution.run(input);
          if (!outcome.ok) throw toFailure(outcome.error, input, execution.interrupted);
          if (outcome.json.length > input.maxOutputBytes) {
            throw new NodeFailure('user', `The code's result is larger than ${input.maxOutputBytes} bytes.`);
          }
          return JSON.parse(outcome.json) as unknown;
        } finally {
          context.dispose();
        }
      } finally {
        runtime.dispose();
      }
    },
  };
}
