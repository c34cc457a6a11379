import { validate, type WorkflowDefinition } from '@tandem/workflow';
import { type FailureKind, NodeFailure } from './errors';
import { EventEmitter } from './event-emitter';
import { validateInputs } from './input-validation';
import { type RunLimitsInput, resolveLimits } from './limits';
import type { NodeResult, NodeUsage } from './nodes/types';
import type { CodeSandbox, EnginePorts } from './ports';
import type { ResumeState } from './resume';
import { NodeStopped, type RunStop, runNode } from './run-node';
import { createQuickJsSandbox } from './sandbox/quickjs';
import { Scheduler } from './scheduler';

export type ExecuteRunOptions = {
  definition: WorkflowDefinition;
  /** Raw run inputs; checked against the input nodes' declared fields before anything runs. */
  inputs: Record<string, unknown>;
  runId: string;
  /** Recorded on `run.started`. */
  versionId?: string;
  ports: EnginePorts;
  limits?: RunLimitsInput;
  /** Aborting cancels the run: in-flight model and HTTP calls see the abort. */
  signal?: AbortSignal;
  /** Continue a run another worker began (see `resumeFromEvents`). */
  resume?: ResumeState;
};

export type RunResult =
  | { status: 'completed'; outputs: Record<string, unknown>; usage: NodeUsage }
  | { status: 'failed'; error: { message: string; kind: FailureKind }; nodeId?: string; field?: string }
  | { status: 'cancelled'; reason: string };

let defaultSandbox: CodeSandbox | null = null;

/** One QuickJS sandbox per process (its WASM module loads once); each run still gets fresh runtimes. */
function sharedSandbox(): CodeSandbox {
  defaultSandbox ??= createQuickJsSandbox();
  return defaultSandbox;
}

function addUsage(total: NodeUsage, usage: NodeUsage | undefined): void {
  if (!usage) return;
  total.tokensIn += usage.tokensIn;
  total.tokensOut += usage.tokensOut;
  // One unknown price makes the total unknown; a partial sum would read as the real cost.
  total.costUsd = total.costUsd === null || usage.costUsd === null ? null : total.costUsd + usage.costUsd;
}

function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (typeof reason === 'string' && reason !== '') return reason;
  return 'Cancelled.';
}

/**
 * Executes `definition` as a DAG and reports every step through `ports.emit`, ending with exactly one of
 * `run.completed`, `run.failed` or `run.cancelled`. Ready nodes run in parallel up to `limits.maxParallel`;
 * the first node failure stops the run. Resolves with the outcome; rejects only when `ports.emit` fails
 * (the run cannot be recorded, so it must not go on).
 */
export async function executeRun(options: ExecuteRunOptions): Promise<RunResult> {
  const { definition, runId, ports, resume } = options;
  const limits = resolveLimits(options.limits);
  const clock = ports.clock;
  const emitter = new EventEmitter(runId, clock, ports.emit, resume?.nextSeq ?? 0);
  const startedAt = resume?.startedAtMs ?? clock.now();
  const onUnexpected = (nodeId?: string) => (error: unknown) =>
    ports.onUnexpectedError?.(error, nodeId === undefined ? { runId } : { runId, nodeId });

  if (!resume || resume.nextSeq === 0) {
    await emitter.emit({
      type: 'run.started',
      versionId: options.versionId ?? '',
      inputs: options.inputs,
    });
  }

  const fail = async (result: Extract<RunResult, { status: 'failed' }>): Promise<RunResult> => {
    await emitter.emit({
      type: 'run.failed',
      error: result.error,
      ...(result.nodeId === undefined ? {} : { nodeId: result.nodeId }),
      ...(result.field === undefined ? {} : { field: result.field }),
    });
    return result;
  };

  // A saved version was validated already; checking again is cheap and keeps a cycle from deadlocking us.
  const [problem] = validate(definition);
  if (problem) {
    return fail({
      status: 'failed',
      error: { kind: 'user', message: `The workflow cannot run: ${problem.message}` },
      ...(problem.nodeId === undefined ? {} : { nodeId: problem.nodeId }),
    });
  }
  const checked = validateInputs(definition, options.inputs);
  if (!checked.ok) {
    return fail({
      status: 'failed',
      error: { kind: 'user', message: checked.message },
      field: checked.field,
    });
  }

  const scheduler = new Scheduler(definition);
  const outputs = new Map<string, unknown>();
  const skipped = new Set<string>(resume?.skipped ?? []);
  const usage: NodeUsage = { tokensIn: 0, tokensOut: 0, costUsd: 0 };
  const scope = { inputs: checked.inputs, outputs, skipped };

  const reportSkips = async (ids: string[]) => {
    for (const id of ids) {
      if (skipped.has(id)) continue;
      skipped.add(id);
      await emitter.emit({ type: 'node.skipped', nodeId: id, reason: 'Its branch was not taken.' });
    }
  };

  // Replay completed nodes in dependency order so conditions re-decide their branches from stored outputs.
  if (resume) {
    for (let progressed = true; progressed; ) {
      progressed = false;
      for (const node of scheduler.ready()) {
        const done = resume.completed[node.id];
        if (!done) continue;
        outputs.set(node.id, done.output);
        addUsage(usage, done.usage);
        const branch = node.type === 'condition' ? (done.output ? 'true' : 'false') : undefined;
        await reportSkips(scheduler.markCompleted(node.id, branch));
        progressed = true;
      }
    }
  }

  const runAbort = new AbortController();
  let stop: RunStop | null = null;
  let failure: { nodeId: string; error: NodeFailure } | null = null;
  const stopRun = (next: RunStop) => {
    if (stop) return;
    stop = next;
    runAbort.abort(next.message);
  };
  const external = options.signal;
  const onCancel = () =>
    stopRun({ kind: 'cancelled', message: external ? abortReason(external) : 'Cancelled.' });
  if (external?.aborted) onCancel();
  external?.addEventListener('abort', onCancel, { once: true });
  const timer = new AbortController();
  clock.sleep(limits.runTimeoutMs, timer.signal).then(
    () => stopRun({ kind: 'timeout', message: `The run did not finish within ${limits.runTimeoutMs} ms.` }),
    () => undefined,
  );

  const code = ports.code ?? sharedSandbox();
  const running = new Map<string, Promise<void>>();
  const start = (nodeId: string) => {
    const node = scheduler.node(nodeId);
    if (!node) return;
    scheduler.markRunning(nodeId);
    const task = runNode(node, {
      emitter,
      clock,
      limits,
      random: ports.random ?? Math.random,
      runSignal: runAbort.signal,
      runStop: () => stop,
      onUnexpectedError: onUnexpected(nodeId),
      context: {
        runId,
        scope,
        liveSources: scheduler.liveSources(nodeId),
        ancestors: scheduler.ancestors(nodeId),
        ports: { ...ports, code },
        limits,
      },
    })
      .then(async (result: NodeResult) => {
        outputs.set(nodeId, result.output);
        addUsage(usage, result.usage);
        await reportSkips(scheduler.markCompleted(nodeId, result.branch));
      })
      .catch((error: unknown) => {
        scheduler.markFailed(nodeId);
        if (error instanceof NodeStopped) return;
        if (emitter.portFailure()) {
          stopRun({ kind: 'failed', message: 'The run could not be recorded.' });
          return;
        }
        const nodeFailure =
          error instanceof NodeFailure
            ? error
            : new NodeFailure('internal', 'Unexpected error; it has been logged.', { cause: error });
        if (!(error instanceof NodeFailure)) onUnexpected(nodeId)(error);
        failure ??= { nodeId, error: nodeFailure };
        stopRun({ kind: 'failed', message: `Stopped because node "${nodeId}" failed.` });
      })
      .finally(() => running.delete(nodeId));
    running.set(nodeId, task);
  };

  try {
    for (;;) {
      if (!stop) {
        for (const node of scheduler.ready()) {
          if (running.size >= limits.maxParallel) break;
          start(node.id);
        }
      }
      if (running.size === 0) break;
      await Promise.race(running.values());
    }
  } finally {
    timer.abort();
    external?.removeEventListener('abort', onCancel);
    await emitter.drain();
  }

  const portFailure = emitter.portFailure();
  if (portFailure) throw portFailure.error;
  const finalStop = stop as RunStop | null;
  const finalFailure = failure as { nodeId: string; error: NodeFailure } | null;
  if (finalFailure) {
    const { nodeId, error } = finalFailure;
    return fail({
      status: 'failed',
      nodeId,
      error: { kind: error.kind, message: `Node "${nodeId}" failed: ${error.message}` },
    });
  }
  if (finalStop?.kind === 'cancelled') {
    await emitter.emit({ type: 'run.cancelled', reason: finalStop.message });
    return { status: 'cancelled', reason: finalStop.message };
  }
  if (finalStop?.kind === 'timeout') {
    return fail({ status: 'failed', error: { kind: 'timeout', message: finalStop.message } });
  }
  if (!scheduler.done()) {
    return fail({
      status: 'failed',
      error: { kind: 'internal', message: 'Some nodes could never become ready.' },
    });
  }

  const runOutputs: Record<string, unknown> = {};
  for (const node of definition.nodes) {
    if (node.type === 'output' && outputs.has(node.id)) runOutputs[node.config.name] = outputs.get(node.id);
  }
  const latencyMs = Math.max(0, clock.now() - startedAt);
  await emitter.emit({ type: 'run.completed', outputs: runOutputs, latencyMs, usage });
  return { status: 'completed', outputs: runOutputs, usage };
}
