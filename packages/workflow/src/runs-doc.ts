import * as Y from 'yjs';

/**
 * The only place that knows the keys of `workflow:<id>:runs` (layout in shared/DESIGN.md): `runs`
 * Y.Map<runId, Y.Map { versionId, status, startedBy, startedAt, finishedAt, variant?, truncated?,
 * events: Y.Array<RunEvent> }>. A live view bounded to the recent runs; Postgres keeps every event.
 *
 * Only the server writes it ({@link writeRunStart}, {@link appendRunEvents}, called by collab's runs
 * writer): the collab server makes the document read-only for every client, so no client can forge or
 * rewrite a run. Clients read it with {@link readRuns} and {@link observeRuns}.
 */
const RUNS_ROOT = 'runs';
const RUN = {
  versionId: 'versionId',
  status: 'status',
  startedBy: 'startedBy',
  startedAt: 'startedAt',
  finishedAt: 'finishedAt',
  variant: 'variant',
  truncated: 'truncated',
  events: 'events',
} as const;

/** A run's lifecycle (the same union as the database's run status; collab's type test keeps them equal). */
export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** The fields of a RunEvent (packages/engine) the document needs; the rest is carried as is. */
export type RunEventLike = {
  type: string;
  runId: string;
  seq: number;
  at: string;
  nodeId?: string;
  text?: string;
  [field: string]: unknown;
};

export type RunStart = {
  runId: string;
  versionId: string;
  startedBy: string | null;
  startedAt: string;
  variant?: string | null;
};

export type RunView = {
  runId: string;
  versionId: string | null;
  status: RunStatus;
  startedBy: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  variant: string | null;
  truncated: boolean;
  events: RunEventLike[];
};

const TERMINAL: Record<string, RunStatus> = {
  'run.completed': 'succeeded',
  'run.failed': 'failed',
  'run.cancelled': 'cancelled',
};

function runsRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(RUNS_ROOT);
}

function runMap(doc: Y.Doc, runId: string): Y.Map<unknown> | null {
  const value = runsRoot(doc).get(runId);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

function createRun(doc: Y.Doc, start: Partial<RunStart> & { runId: string }): Y.Map<unknown> {
  const run = new Y.Map<unknown>();
  run.set(RUN.versionId, start.versionId ?? null);
  run.set(RUN.status, 'running' satisfies RunStatus);
  run.set(RUN.startedBy, start.startedBy ?? null);
  run.set(RUN.startedAt, start.startedAt ?? null);
  run.set(RUN.finishedAt, null);
  run.set(RUN.variant, start.variant ?? null);
  run.set(RUN.events, new Y.Array<RunEventLike>());
  runsRoot(doc).set(start.runId, run);
  return run;
}

/** Drops the oldest runs (by start time, then id) beyond `maxRuns`. */
function trimRuns(doc: Y.Doc, maxRuns: number): void {
  const root = runsRoot(doc);
  if (root.size <= maxRuns) return;
  const runs = [...root.entries()].map(([runId, value]) => {
    const startedAt = value instanceof Y.Map ? value.get(RUN.startedAt) : null;
    return { runId, startedAt: typeof startedAt === 'string' ? startedAt : '' };
  });
  runs.sort((a, b) =>
    a.startedAt === b.startedAt ? (a.runId < b.runId ? -1 : 1) : a.startedAt < b.startedAt ? -1 : 1,
  );
  for (const { runId } of runs.slice(0, root.size - maxRuns)) root.delete(runId);
}

/**
 * Records a run's start (or refreshes its metadata) and keeps at most `maxRuns` runs. Server only: clients
 * never write the runs document.
 */
export function writeRunStart(doc: Y.Doc, start: RunStart, maxRuns: number): void {
  doc.transact(() => {
    const existing = runMap(doc, start.runId);
    if (existing) {
      existing.set(RUN.versionId, start.versionId);
      existing.set(RUN.startedBy, start.startedBy);
      existing.set(RUN.startedAt, start.startedAt);
      existing.set(RUN.variant, start.variant ?? null);
    } else {
      createRun(doc, start);
    }
    trimRuns(doc, maxRuns);
  });
}

function isDelta(event: RunEventLike | undefined): event is RunEventLike & { text: string; nodeId: string } {
  return event?.type === 'node.delta' && typeof event.text === 'string' && typeof event.nodeId === 'string';
}

/** Consecutive `node.delta`s of one node become one event (text joined, the last seq and time). */
export function coalesceDeltas(events: readonly RunEventLike[]): RunEventLike[] {
  const out: RunEventLike[] = [];
  for (const event of events) {
    const last = out.at(-1);
    if (isDelta(last) && isDelta(event) && last.nodeId === event.nodeId) {
      out[out.length - 1] = { ...event, text: last.text + event.text };
    } else {
      out.push(event);
    }
  }
  return out;
}

/**
 * Appends events to a run (creating it if the writer never saw its start), coalescing streamed deltas
 * with each other and with a trailing delta already in the document, and updating status on terminal
 * events. Past `maxEvents` only status changes are kept and the run is marked `truncated`. Server only:
 * clients never write the runs document.
 */
export function appendRunEvents(
  doc: Y.Doc,
  runId: string,
  events: readonly RunEventLike[],
  maxEvents: number,
): void {
  if (events.length === 0) return;
  doc.transact(() => {
    const started = events.find((event) => event.type === 'run.started');
    const run =
      runMap(doc, runId) ??
      createRun(doc, {
        runId,
        versionId: typeof started?.versionId === 'string' ? started.versionId : undefined,
        startedAt: started?.at,
      });
    let list = run.get(RUN.events);
    if (!(list instanceof Y.Array)) {
      list = new Y.Array<RunEventLike>();
      run.set(RUN.events, list);
    }
    const stored = list as Y.Array<RunEventLike>;
    const batch = coalesceDeltas(events);
    const first = batch[0];
    const tail = stored.length > 0 ? stored.get(stored.length - 1) : undefined;
    if (isDelta(tail) && isDelta(first) && tail.nodeId === first.nodeId) {
      stored.delete(stored.length - 1, 1);
      batch[0] = { ...first, text: tail.text + first.text };
    }
    for (const event of batch) {
      const status = TERMINAL[event.type];
      if (status) {
        run.set(RUN.status, status);
        run.set(RUN.finishedAt, event.at);
      }
      if (stored.length < maxEvents) stored.push([event]);
      else run.set(RUN.truncated, true);
    }
  });
}

function isRunStatus(value: unknown): value is RunStatus {
  return RUN_STATUSES.some((status) => status === value);
}

function readEvent(raw: unknown): RunEventLike | null {
  const value = raw instanceof Y.AbstractType ? (raw.toJSON() as unknown) : raw;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const event = value as Record<string, unknown>;
  if (typeof event.type !== 'string' || typeof event.runId !== 'string') return null;
  if (typeof event.seq !== 'number' || typeof event.at !== 'string') return null;
  if (event.nodeId !== undefined && typeof event.nodeId !== 'string') return null;
  if (event.text !== undefined && typeof event.text !== 'string') return null;
  return event as RunEventLike;
}

function safeRunsRoot(doc: Y.Doc): Y.Map<unknown> | null {
  try {
    return runsRoot(doc);
  } catch {
    return null;
  }
}

/**
 * Every run, newest first (by start time, then id), for whoever renders the runs document. Never throws:
 * a run that is not a Y.Map and an event without `type`, `runId`, `seq` and `at` are skipped, a missing or
 * unknown status reads `running`, other missing fields read null.
 */
export function readRuns(doc: Y.Doc): RunView[] {
  const root = safeRunsRoot(doc);
  if (!root) return [];
  const views: RunView[] = [];
  for (const [runId, value] of root.entries()) {
    if (!(value instanceof Y.Map)) continue;
    const get = (key: string): unknown => value.get(key);
    const text = (key: string) => {
      const field = get(key);
      return typeof field === 'string' ? field : null;
    };
    const status = get(RUN.status);
    const events = get(RUN.events);
    views.push({
      runId,
      versionId: text(RUN.versionId),
      status: isRunStatus(status) ? status : 'running',
      startedBy: text(RUN.startedBy),
      startedAt: text(RUN.startedAt),
      finishedAt: text(RUN.finishedAt),
      variant: text(RUN.variant),
      truncated: get(RUN.truncated) === true,
      events:
        events instanceof Y.Array
          ? (events.toArray() as unknown[]).map(readEvent).filter((event) => event !== null)
          : [],
    });
  }
  return views.sort((a, b) => {
    const at = a.startedAt ?? '';
    const bt = b.startedAt ?? '';
    if (at !== bt) return at < bt ? 1 : -1;
    return a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0;
  });
}

/** Calls `listener` after every change to the runs document; returns the unsubscribe. */
export function observeRuns(doc: Y.Doc, listener: () => void): () => void {
  const root = safeRunsRoot(doc);
  if (!root) return () => {};
  const observer = (): void => listener();
  root.observeDeep(observer);
  return () => root.unobserveDeep(observer);
}
