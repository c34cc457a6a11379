import { type ResourceLimits, Worker } from 'node:worker_threads';
import { NodeFailure } from '../errors';
import type { CodeSandbox, CodeSandboxInput } from '../ports';
import type { CrashMode, FromWorker, ToWorker, WireFailure, WireInput } from './worker-sandbox-protocol';

export type WorkerCodeSandboxOptions = {
  /** Warm workers kept in the pool, each running one job at a time. Default 2. */
  size?: number;
  /** Jobs waiting for a free worker; a run beyond this fails at once (operational, retryable). Default 100. */
  maxQueue?: number;
  /**
   * How long past the job's `timeoutMs` the worker may run before it is terminated. QuickJS's own interrupt
   * normally stops the guest at `timeoutMs`; the hard stop catches what it misses (a heavy built-in in a
   * loop). The clock starts when the job reaches a worker, not while it waits in the queue. Default 100 ms.
   */
  killGraceMs?: number;
  /**
   * V8 limits of each worker, as defence in depth (guest memory itself lives in QuickJS's WASM memory, bounded
   * by `memoryLimitBytes`; these bound the worker's own heap: inputs, results, JSON). A worker that exceeds
   * them dies and is replaced. Defaults: old generation 128 MB, young generation 16 MB, stack 4 MB.
   */
  resourceLimits?: Pick<
    ResourceLimits,
    'maxOldGenerationSizeMb' | 'maxYoungGenerationSizeMb' | 'stackSizeMb'
  >;
};

/** A `CodeSandbox` whose guest code runs off the calling thread; `close()` terminates its workers. */
export interface WorkerCodeSandbox extends CodeSandbox {
  /** Fails queued and running jobs, terminates every worker and resolves once they have exited. Idempotent. */
  close(): Promise<void>;
  /**
   * Resolves once every worker of the pool has started and warmed up (the server may await it before taking
   * traffic; `run` does not need it). Rejects if a worker fails to start or the pool is closed.
   */
  ready(): Promise<void>;
  /** Live worker threads (started and not yet exited), busy ones, and queued jobs. */
  stats(): { workers: number; busy: number; queued: number };
}

/** setTimeout's ceiling (about 24.8 days); a longer delay would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const DEFAULT_RESOURCE_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 };

type Job = {
  id: number;
  input: WireInput;
  timeoutMs: number;
  crash?: CrashMode;
  signal: AbortSignal | undefined;
  onAbort: () => void;
  resolve: (value: unknown) => void;
  reject: (failure: NodeFailure) => void;
  slot?: Slot;
};

type Slot = {
  worker: Worker;
  state: 'starting' | 'idle' | 'busy';
  job?: Job;
  timer?: ReturnType<typeof setTimeout>;
  /** Set once the pool has let go of the worker (terminated, crashed, closed); its late events are ignored. */
  retired: boolean;
};

/**
 * Where the worker starts. From TypeScript source (vitest, `node --import tsx`) the entry is a `.ts` file,
 * started through a `.mjs` bootstrap that registers tsx unless the worker inherits it through execArgv.
 */
function workerSpec(): { file: URL; workerData: { entry: string; registerTsx: boolean } } {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./worker-sandbox-entry.${fromSource ? 'ts' : 'js'}`, import.meta.url).href;
  // `--import tsx`, `--import=tsx/esm`, or the tsx CLI's `--import file:///…/node_modules/tsx/dist/loader.mjs`
  // (but not a pnpm path that merely mentions `_tsx@4…` as a peer).
  const inheritsTsx = process.execArgv.some((arg) => /(?:^|[=/\\])tsx(?:$|[/\\])/.test(arg));
  return {
    file: new URL('./worker-sandbox-bootstrap.mjs', import.meta.url),
    workerData: { entry, registerTsx: fromSource && !inheritsTsx },
  };
}

function fromWire(failure: WireFailure): NodeFailure {
  return new NodeFailure(failure.kind, failure.message, {
    retryable: failure.retryable,
    ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
    ...(failure.cause === undefined ? {} : { cause: new Error(failure.cause) }),
  });
}

function timeoutFailure(timeoutMs: number): NodeFailure {
  // Same kind and wording as the in-thread sandbox's interrupt.
  return new NodeFailure('timeout', `The code ran longer than ${timeoutMs} ms and was stopped.`);
}

function crashFailure(cause: unknown): NodeFailure {
  return new NodeFailure('internal', 'The code sandbox failed unexpectedly.', { cause });
}

class WorkerPool implements WorkerCodeSandbox {
  private readonly size: number;
  private readonly maxQueue: number;
  private readonly killGraceMs: number;
  private readonly resourceLimits: ResourceLimits;
  private readonly spec = workerSpec();
  private readonly slots = new Set<Slot>();
  /** Workers not yet exited, including retired ones still shutting down. */
  private readonly live = new Set<Worker>();
  private readonly exits = new Map<Worker, Promise<void>>();
  private readonly queue: Job[] = [];
  private readyWaiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: WorkerCodeSandboxOptions | undefined) {
    this.size = Math.max(1, Math.floor(options?.size ?? 2));
    this.maxQueue = Math.max(0, options?.maxQueue ?? 100);
    this.killGraceMs = Math.max(0, options?.killGraceMs ?? 100);
    this.resourceLimits = { ...DEFAULT_RESOURCE_LIMITS, ...options?.resourceLimits };
    this.fill();
  }

  run(input: CodeSandboxInput): Promise<unknown> {
    return this.submit(input);
  }

  /** `run` with the crash test hook; see `crashNextRunForTest`. */
  submit(input: CodeSandboxInput, crash?: CrashMode): Promise<unknown> {
    if (this.closed) return Promise.reject(new NodeFailure('operational', 'The code sandbox is closed.'));
    const { signal, inputs, nodes, ...limits } = input;
    if (signal?.aborted) return Promise.reject(cancelled());
    let payload: string;
    try {
      payload = JSON.stringify({ inputs, nodes });
    } catch (error) {
      // What the in-thread sandbox reports when the same JSON.stringify throws (a BigInt, a cycle).
      return Promise.reject(crashFailure(error));
    }
    if (this.queue.length >= this.maxQueue && !this.hasIdle()) {
      return Promise.reject(
        new NodeFailure('operational', 'The code sandbox is busy; try again later.', { retryable: true }),
      );
    }
    return new Promise<unknown>((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        input: { ...limits, payload },
        timeoutMs: input.timeoutMs,
        signal,
        onAbort: () => this.abort(job),
        resolve,
        reject,
        ...(crash === undefined ? {} : { crash }),
      };
      signal?.addEventListener('abort', job.onAbort, { once: true });
      this.queue.push(job);
      this.fill();
      this.pump();
    });
  }

  ready(): Promise<void> {
    if (this.closed) return Promise.reject(new NodeFailure('operational', 'The code sandbox is closed.'));
    return new Promise((resolve, reject) => {
      this.readyWaiters.push({ resolve, reject });
      this.fill();
      this.notifyReady();
    });
  }

  private allBooted(): boolean {
    if (this.slots.size < this.size) return false;
    for (const slot of this.slots) if (slot.state === 'starting') return false;
    return true;
  }

  /** Settles `ready()` callers: with `error`, or once every worker has booted. */
  private notifyReady(error?: unknown): void {
    if (error !== undefined || this.allBooted()) {
      for (const waiter of this.readyWaiters.splice(0)) {
        if (error === undefined) waiter.resolve();
        else waiter.reject(error);
      }
    }
    this.updateRefs();
  }

  stats(): { workers: number; busy: number; queued: number } {
    let busy = 0;
    for (const slot of this.slots) if (slot.state === 'busy') busy++;
    return { workers: this.live.size, busy, queued: this.queue.length };
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      const failure = new NodeFailure('operational', 'The code sandbox was closed.');
      for (const job of this.queue.splice(0)) this.settle(job, failure);
      for (const slot of [...this.slots]) this.retire(slot, failure);
      this.notifyReady(failure);
    }
    await Promise.all(this.exits.values());
  }

  private hasIdle(): boolean {
    for (const slot of this.slots) if (slot.state === 'idle') return true;
    return false;
  }

  /** Starts workers until the pool is at its size. */
  private fill(): void {
    while (!this.closed && this.slots.size < this.size) {
      try {
        this.spawn();
      } catch (error) {
        // `new Worker` itself refused (bad execArgv, say): the same as a worker that could not start.
        this.bootFailed(error);
        return;
      }
    }
  }

  /**
   * A worker could not start (a broken install, say). Rather than retrying in a loop, tell `ready()` and,
   * once no worker is left to serve them, the waiting jobs; the next `run` or `ready` starts workers again.
   */
  private bootFailed(error: unknown): void {
    this.notifyReady(crashFailure(error));
    if (this.slots.size === 0) {
      for (const job of this.queue.splice(0)) this.settle(job, crashFailure(error));
    }
  }

  /**
   * Workers are unreferenced while the pool has nothing to do, so a forgotten `close()` never keeps the process
   * alive; they are referenced while a job runs or waits, or someone awaits `ready()`.
   */
  private updateRefs(): void {
    const waiting = this.queue.length > 0 || this.readyWaiters.length > 0;
    for (const slot of this.slots) {
      if (waiting || slot.state === 'busy') slot.worker.ref();
      else slot.worker.unref();
    }
  }

  private spawn(): void {
    const worker = new Worker(this.spec.file, {
      workerData: this.spec.workerData,
      resourceLimits: this.resourceLimits,
    });
    const slot: Slot = { worker, state: 'starting', retired: false };
    this.slots.add(slot);
    this.live.add(worker);
    this.exits.set(
      worker,
      new Promise<void>((resolve) => {
        worker.once('exit', () => {
          this.live.delete(worker);
          this.exits.delete(worker);
          resolve();
        });
      }),
    );
    worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    worker.on('error', (error) => this.onDeath(slot, error));
    worker.on('exit', (code) =>
      this.onDeath(slot, new Error(`The sandbox worker exited with code ${code}.`)),
    );
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (slot.retired) return;
    if (message.type === 'ready') {
      slot.state = 'idle';
      this.pump();
      this.notifyReady();
      return;
    }
    const job = slot.job;
    if (!job || job.id !== message.id) return;
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    slot.state = 'idle';
    if (message.ok) this.settle(job, undefined, message.value);
    else this.settle(job, fromWire(message.failure));
    this.pump();
  }

  /** A worker crashed or exited on its own: fail its job, replace it, and keep the queue moving. */
  private onDeath(slot: Slot, error: Error): void {
    if (slot.retired) return;
    const booted = slot.state !== 'starting';
    this.retire(slot, crashFailure(error));
    if (booted) {
      this.fill();
      this.pump();
      return;
    }
    this.bootFailed(error);
  }

  /** Lets go of a worker: fails its job with `failure` and terminates it (a no-op if it already exited). */
  private retire(slot: Slot, failure: NodeFailure): void {
    if (slot.retired) return;
    slot.retired = true;
    this.slots.delete(slot);
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    if (job) this.settle(job, failure);
    void slot.worker.terminate();
  }

  /** Hands queued jobs to idle workers. */
  private pump(): void {
    for (const slot of this.slots) {
      if (slot.state !== 'idle') continue;
      const job = this.queue.shift();
      if (!job) break;
      slot.state = 'busy';
      slot.job = job;
      job.slot = slot;
      const message: ToWorker = {
        type: 'run',
        id: job.id,
        input: job.input,
        ...(job.crash === undefined ? {} : { crash: job.crash }),
      };
      slot.worker.postMessage(message);
      slot.timer = setTimeout(
        () => {
          this.retire(slot, timeoutFailure(job.timeoutMs));
          this.fill();
          this.pump();
        },
        Math.min(job.timeoutMs + this.killGraceMs, MAX_TIMER_MS),
      );
    }
    this.updateRefs();
  }

  private abort(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(job, cancelled());
      this.updateRefs();
      return;
    }
    const slot = job.slot;
    if (slot && slot.job === job) {
      this.retire(slot, cancelled());
      this.fill();
      this.pump();
    }
  }

  private settle(job: Job, failure: NodeFailure | undefined, value?: unknown): void {
    job.signal?.removeEventListener('abort', job.onAbort);
    if (failure) job.reject(failure);
    else job.resolve(value);
  }
}

function cancelled(): NodeFailure {
  return new NodeFailure('cancelled', 'The code run was cancelled.');
}

/**
 * A `CodeSandbox` that runs the QuickJS sandbox in a pool of `worker_threads` workers, so guest code never
 * blocks the calling thread's event loop, and a job that overshoots its deadline (QuickJS only polls its
 * interrupt between bytecode batches) is stopped hard with `worker.terminate()` and reported as the usual
 * `timeout` failure. A crashed or terminated worker is replaced; jobs wait in a bounded queue while every worker
 * is busy and leave it when their signal aborts. Call `close()` on shutdown.
 */
export function createWorkerCodeSandbox(options?: WorkerCodeSandboxOptions): WorkerCodeSandbox {
  return new WorkerPool(options);
}

/** Test hook: runs `input` on a worker that then crashes (`throw`: an uncaught error; `exit`: `process.exit`). */
export function crashNextRunForTest(
  sandbox: WorkerCodeSandbox,
  input: CodeSandboxInput,
  mode: CrashMode,
): Promise<unknown> {
  if (!(sandbox instanceof WorkerPool)) throw new TypeError('Not a worker code sandbox.');
  return sandbox.submit(input, mode);
}
