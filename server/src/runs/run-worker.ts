import { randomUUID } from 'node:crypto';
import { type ApiServices, createEventSink, type RunsDocWriter, runEventDto } from '@tandem/api';
import type { ClaimedRun, RunStatus } from '@tandem/db';
import {
  type Clock,
  type CodeSandbox,
  executeRun,
  type HttpClient,
  type RunEvent,
  type RunLimitsInput,
  type RunResult,
  resumeFromEvents,
  runEventSchema,
} from '@tandem/engine';
import type { Logger } from '../logger';
import { type LlmDefaults, runLlmClient } from './workspace-llm';

/** The runs document's writer as collab exports it (start + append). */
export type RunsWriterPort = RunsDocWriter & {
  startRun(
    workflowId: string,
    run: {
      runId: string;
      versionId: string;
      startedBy: string | null;
      startedAt: string;
      variant?: string | null;
    },
  ): Promise<void>;
};

export type RunWorkerOptions = {
  services: Pick<ApiServices, 'repos' | 'secretBox'>;
  runsWriter: RunsWriterPort | null;
  llmDefaults: LlmDefaults;
  http: HttpClient;
  code: CodeSandbox;
  clock: Clock;
  logger: Logger;
  /** This worker's name in leases (default: random). */
  workerId?: string;
  /** A run's lease; renewed every third of it. A worker silent for longer loses the run to another. */
  leaseMs: number;
  /** Runs of one workspace executing at once, across every worker. */
  maxPerWorkspace: number;
  /** Runs this process executes at once. */
  maxConcurrent: number;
  /** How often the table is searched for queued runs and lapsed leases (wake() searches at once). */
  pollMs: number;
  /** Told when a run of an experiment or canary ended here (the experiment driver scores it at once). */
  onExperimentRunEnded?: (runId: string) => void;
  /** Timeouts and the like for every run (the engine's defaults where unset). */
  limits?: RunLimitsInput;
};

export type RunWorker = {
  workerId: string;
  /** Looks for claimable runs now. */
  wake(): void;
  /** Claims and executes this run if it is claimable; resolves when it ends here (or is not ours). */
  runById(runId: string): Promise<'done' | 'busy' | 'not-claimable'>;
  /** Aborts the run if it executes in this process. */
  cancel(runId: string): void;
  start(): void;
  /** Stops claiming, aborts nothing: running runs finish (or are resumed elsewhere after the deadline). */
  stop(options?: { deadlineMs?: number }): Promise<void>;
  /** Resolves once no run executes here (tests). */
  idle(): Promise<void>;
};

const TERMINAL_STATUS: Record<RunResult['status'], RunStatus> = {
  completed: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

function terminalStatus(event: RunEvent): {
  status: RunStatus;
  outputs?: Record<string, unknown>;
  error?: string;
} {
  switch (event.type) {
    case 'run.completed':
      return { status: 'succeeded', outputs: event.outputs };
    case 'run.failed':
      return { status: 'failed', error: event.error.message };
    case 'run.cancelled':
      return { status: 'cancelled', error: event.reason };
    default:
      return { status: 'failed', error: 'The run ended without a result.' };
  }
}

/**
 * Executes runs from the `runs` table: claims a lease (queued runs, and running ones whose worker died),
 * resumes from the stored events (`resumeFromEvents`: completed nodes are not run again), renews the lease
 * while the run goes on and aborts when a cancellation is flagged or the lease is lost. Statuses follow the
 * events. The same semantics serve the in-process dispatcher (PGlite) and pg-boss jobs (Postgres).
 */
export function createRunWorker(options: RunWorkerOptions): RunWorker {
  const { services, logger } = options;
  const { repos } = services;
  const workerId = options.workerId ?? `worker-${randomUUID()}`;
  const active = new Map<string, AbortController>();
  const idleWaiters: (() => void)[] = [];
  let running = false;
  let poller: NodeJS.Timeout | null = null;
  let searching = false;
  let searchAgain = false;

  const lease = () => ({ workerId, leaseMs: options.leaseMs, maxPerWorkspace: options.maxPerWorkspace });

  function settleIdle(): void {
    if (active.size > 0) return;
    for (const resolve of idleWaiters.splice(0)) resolve();
  }

  async function execute(run: ClaimedRun): Promise<void> {
    const controller = new AbortController();
    active.set(run.id, controller);
    let heartbeat: NodeJS.Timeout | null = null;
    let fence: ((reason: string) => void) | null = null;
    try {
      // Renewed from the start: loading in a cold process can take longer than a short lease.
      heartbeat = setInterval(
        () => {
          repos.runs.heartbeat(run.id, workerId, options.leaseMs).then(
            (beat) => {
              if (!beat.held) {
                fence?.('lease lost');
                controller.abort('The run moved to another worker.');
              } else if (beat.cancelRequested) controller.abort('Cancelled.');
            },
            (error: unknown) => logger.warn('run heartbeat failed', { runId: run.id, error: String(error) }),
          );
        },
        Math.max(50, Math.floor(options.leaseMs / 3)),
      );
      heartbeat.unref();
      const definition = await repos.versions.getDefinition(run.versionId);
      if (!definition) throw new Error(`version ${run.versionId} of run ${run.id} is missing`);
      const stored = (await repos.runEvents.list(run.id)).map((row) =>
        runEventSchema.parse(runEventDto(row)),
      );
      const resumed = resumeFromEvents(stored);
      if (resumed.status === 'finished') {
        const { status, ...result } = terminalStatus(resumed.terminal);
        await repos.runs.setStatus(run.id, status, { ...result, onlyFrom: ['running'] });
        return;
      }
      // An experiment's hundreds of runs (or a canary's production traffic) would push the team's own runs out
      // of the live view, and serialise on its one document; their progress is published there instead
      // (experiment driver), and every event is in Postgres.
      const runsWriter = run.experimentId ? null : options.runsWriter;
      const sink = createEventSink({
        runEvents: repos.runEvents,
        runsDoc: runsWriter,
        workflowId: run.workflowId,
        runId: run.id,
        nodes: definition.nodes,
        now: () => options.clock.now(),
        onDocError: (error) =>
          logger.warn('runs document write failed', { runId: run.id, error: String(error) }),
      });
      fence = (reason) => sink.fence(reason);
      if (runsWriter && stored.length === 0) {
        await runsWriter
          .startRun(run.workflowId, {
            runId: run.id,
            versionId: run.versionId,
            startedBy: run.startedBy,
            startedAt: (run.startedAt ?? new Date()).toISOString(),
            variant: run.variant,
          })
          .catch((error: unknown) =>
            logger.warn('runs document write failed', { runId: run.id, error: String(error) }),
          );
      }
      if (run.cancelRequestedAt) controller.abort('Cancelled.');

      const llm = await runLlmClient(services, run.workspaceId, run.id, options.llmDefaults);
      const resume = resumed.resume.nextSeq > 0 ? resumed.resume : undefined;
      if (resume) logger.info('run resumed', { runId: run.id, fromSeq: resume.nextSeq, claims: run.claims });
      let result: RunResult;
      try {
        result = await executeRun({
          definition,
          inputs: run.inputs,
          runId: run.id,
          versionId: run.versionId,
          signal: controller.signal,
          ...(options.limits ? { limits: options.limits } : {}),
          ...(resume ? { resume } : {}),
          ports: {
            llm,
            clock: options.clock,
            emit: (event) => sink.emit(event),
            http: options.http,
            code: options.code,
            onUnexpectedError: (error, context) =>
              logger.error('run step failed unexpectedly', { ...context, error: String(error) }),
          },
        });
      } finally {
        await sink.close();
      }
      const status = TERMINAL_STATUS[result.status];
      await repos.runs.setStatus(run.id, status, {
        ...(result.status === 'completed' ? { outputs: result.outputs } : {}),
        ...(result.status === 'failed' ? { error: result.error.message } : {}),
        ...(result.status === 'cancelled' ? { error: result.reason } : {}),
        onlyFrom: ['running'],
      });
      if (run.experimentId) options.onExperimentRunEnded?.(run.id);
    } catch (error) {
      // The lease is lost or the database failed: leave the run as it is; a live worker resumes it once the
      // lease lapses.
      logger.warn('run stopped without finishing here', { runId: run.id, error: String(error) });
    } finally {
      if (heartbeat) clearInterval(heartbeat);
      active.delete(run.id);
      settleIdle();
      if (running) wake();
    }
  }

  async function search(): Promise<void> {
    if (searching) {
      searchAgain = true;
      return;
    }
    searching = true;
    try {
      do {
        searchAgain = false;
        while (running && active.size < options.maxConcurrent) {
          const run = await repos.runs.claim(lease());
          if (!run) break;
          // Our own run whose lease we re-took (renewed late): it is already executing here.
          if (!active.has(run.id)) void execute(run);
        }
      } while (searchAgain && running);
    } catch (error) {
      logger.warn('run claim failed', { error: String(error) });
    } finally {
      searching = false;
    }
  }

  function wake(): void {
    if (running) void search();
  }

  return {
    workerId,
    wake,
    async runById(runId) {
      if (active.size >= options.maxConcurrent) return 'busy';
      if (active.has(runId)) return 'not-claimable';
      const run = await repos.runs.claim({ ...lease(), runId });
      if (!run) return 'not-claimable';
      await execute(run);
      return 'done';
    },
    cancel(runId) {
      active.get(runId)?.abort('Cancelled.');
    },
    start() {
      running = true;
      poller = setInterval(wake, options.pollMs);
      poller.unref();
      wake();
    },
    async stop(stopOptions = {}) {
      running = false;
      if (poller) clearInterval(poller);
      poller = null;
      if (active.size === 0) return;
      await Promise.race([
        new Promise<void>((resolve) => idleWaiters.push(resolve)),
        new Promise<void>((resolve) => setTimeout(resolve, stopOptions.deadlineMs ?? 5_000).unref()),
      ]);
    },
    idle() {
      if (active.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
