/**
 * How the api hands a new run to the run workers. The `runs` row (status `queued`) is the truth; `enqueue`
 * only wakes a worker (a pg-boss job, or the in-process dispatcher). `cancel` aborts the run at once when this
 * process executes it; workers elsewhere see the cancellation flag in the database at their next heartbeat.
 */
export type RunQueue = {
  enqueue(run: { runId: string; workspaceId: string }): Promise<void>;
  cancel(runId: string): void;
};

/** No worker in this process: runs wait in the table for whichever worker polls it. */
export const IDLE_RUN_QUEUE: RunQueue = {
  enqueue: async () => {},
  cancel: () => {},
};
