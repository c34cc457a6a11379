import type { FailureKind } from '../errors';
import type { CodeSandboxInput } from '../ports';

/**
 * Messages between the pool (`worker-sandbox.ts`) and a worker (`worker-sandbox-entry.ts`). Everything is
 * plain JSON-serialisable: no class instances, functions or signals cross the thread boundary.
 */

/**
 * The sandbox input without its signal (the pool enforces aborts by terminating the worker), and with `inputs`
 * and `nodes` as one JSON string, `{ inputs, nodes }`: the in-thread sandbox hands the guest exactly that JSON,
 * so a `Date`, a `toJSON` or an `undefined` field reaches the guest the same way through either sandbox.
 */
export type WireInput = Omit<CodeSandboxInput, 'signal' | 'inputs' | 'nodes'> & { payload: string };

/** A `NodeFailure` flattened; `cause` is a description of the original cause, if any. */
export type WireFailure = {
  kind: FailureKind;
  message: string;
  retryable: boolean;
  retryAfterMs?: number;
  cause?: string;
};

/** Test hook: make the worker fail in a way guest code never can (an uncaught throw or `process.exit`). */
export type CrashMode = 'throw' | 'exit';

export type ToWorker = { type: 'run'; id: number; input: WireInput; crash?: CrashMode };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; failure: WireFailure };
