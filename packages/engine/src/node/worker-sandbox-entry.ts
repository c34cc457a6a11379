import { parentPort } from 'node:worker_threads';
import { NodeFailure } from '../errors';
import type { CodeSandboxInput } from '../ports';
import { createQuickJsSandbox } from '../sandbox/quickjs';
import type { FromWorker, ToWorker, WireFailure } from './worker-sandbox-protocol';

/**
 * The worker side of `createWorkerCodeSandbox`: runs one job at a time in the ordinary in-thread QuickJS
 * sandbox (which still enforces its own deadline, memory and stack limits) and posts back the result or the
 * flattened failure. The pool terminates this thread if a job overshoots its deadline.
 */

const port = parentPort;
if (!port) throw new Error('worker-sandbox-entry must run in a worker thread.');

const sandbox = createQuickJsSandbox();

function describe(cause: unknown): string {
  return cause instanceof Error ? (cause.stack ?? `${cause.name}: ${cause.message}`) : String(cause);
}

function toWire(error: unknown): WireFailure {
  if (error instanceof NodeFailure) {
    return {
      kind: error.kind,
      message: error.message,
      retryable: error.retryable,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      ...(error.cause === undefined ? {} : { cause: describe(error.cause) }),
    };
  }
  return {
    kind: 'internal',
    message: 'The code sandbox failed unexpectedly.',
    retryable: false,
    cause: describe(error),
  };
}

function post(message: FromWorker): void {
  port?.postMessage(message);
}

port.on('message', (message: ToWorker) => {
  if (message.type !== 'run') return;
  if (message.crash === 'exit') process.exit(3);
  if (message.crash === 'throw') {
    setImmediate(() => {
      throw new Error('Simulated worker crash (test hook).');
    });
    return;
  }
  const { payload, ...limits } = message.input;
  let data: Pick<CodeSandboxInput, 'inputs' | 'nodes'>;
  try {
    data = JSON.parse(payload) as Pick<CodeSandboxInput, 'inputs' | 'nodes'>;
  } catch (error) {
    post({ type: 'result', id: message.id, ok: false, failure: toWire(error) });
    return;
  }
  sandbox.run({ ...limits, ...data }).then(
    (value) => post({ type: 'result', id: message.id, ok: true, value }),
    (error: unknown) => post({ type: 'result', id: message.id, ok: false, failure: toWire(error) }),
  );
});

// Warm up before announcing readiness: loads the WASM module and compiles the hot paths, so the first real
// job's deadline is not spent on start-up.
await sandbox
  .run({
    source: 'return inputs.n + 1;',
    inputs: { n: 1 },
    nodes: {},
    timeoutMs: 10_000,
    memoryLimitBytes: 8 * 1024 * 1024,
    maxStackSizeBytes: 256 * 1024,
    maxOutputBytes: 1024,
  })
  .catch(() => undefined);
post({ type: 'ready' });
