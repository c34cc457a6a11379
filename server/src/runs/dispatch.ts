import type { RunQueue } from '@tandem/api';
import { PgBoss } from 'pg-boss';
import type { Logger } from '../logger';
import type { RunWorker } from './run-worker';

export const RUN_QUEUE_NAME = 'tandem-runs';

export type RunDispatcher = RunQueue & {
  start(): Promise<void>;
  stop(): Promise<void>;
  kind: 'in-process' | 'pg-boss';
};

/**
 * PGlite (one connection in one process, no second process can open it): the worker polls the runs table
 * itself and `enqueue` wakes it at once. The lease semantics are the table's, the same as with pg-boss.
 */
export function createInProcessDispatcher(worker: RunWorker): RunDispatcher {
  return {
    kind: 'in-process',
    enqueue: async () => worker.wake(),
    cancel: (runId) => worker.cancel(runId),
    start: async () => worker.start(),
    stop: () => worker.stop(),
  };
}

/**
 * Postgres: one pg-boss job per run (grouped by workspace, so pg-boss bounds a workspace's concurrency
 * across nodes too) wakes a worker on any instance. The runs table's lease decides who
 * executes: a job whose run is already owned, or finished, completes without doing anything, and the
 * worker's own poll picks up runs whose worker died (lease lapsed) without waiting for pg-boss' expiry.
 */
export function createPgBossDispatcher(options: {
  databaseUrl: string;
  worker: RunWorker;
  maxPerWorkspace: number;
  maxConcurrent: number;
  logger: Logger;
}): RunDispatcher {
  const { worker, logger } = options;
  const boss = new PgBoss({ connectionString: options.databaseUrl, schema: 'pgboss', max: 4 });
  boss.on('error', (error: Error) => logger.warn('pg-boss error', { error: error.message }));
  let started = false;

  return {
    kind: 'pg-boss',
    async enqueue({ runId, workspaceId }) {
      if (!started) {
        worker.wake();
        return;
      }
      await boss.send(
        RUN_QUEUE_NAME,
        { runId },
        {
          group: { id: workspaceId },
          // Only a failing worker (a database error) makes a job fail; the table poll covers the rest.
          retryLimit: 20,
          retryDelay: 1,
          retryBackoff: true,
          singletonKey: runId,
        },
      );
    },
    cancel: (runId) => worker.cancel(runId),
    async start() {
      await boss.start();
      await boss.createQueue(RUN_QUEUE_NAME).catch(() => undefined);
      await boss.work<{ runId: string }>(
        RUN_QUEUE_NAME,
        {
          localConcurrency: options.maxConcurrent,
          groupConcurrency: options.maxPerWorkspace,
          pollingIntervalSeconds: 1,
        },
        async (jobs) => {
          for (const job of jobs) {
            const outcome = await worker.runById(job.data.runId);
            // Busy here, or the workspace is at its limit: the run stays queued in the table, and this worker
            // takes it from there as soon as one of its runs ends (it searches the table then). Failing the
            // job instead would make pg-boss retry it every second: under a burst (a canary's traffic, an
            // experiment) thousands of retries would load the database more than the runs themselves.
            if (outcome === 'busy') worker.wake();
          }
        },
      );
      started = true;
      worker.start();
    },
    async stop() {
      await worker.stop();
      await boss
        .stop({ graceful: true, timeout: 5_000 })
        .catch((error: unknown) => logger.warn('pg-boss stop failed', { error: String(error) }));
    },
  };
}
