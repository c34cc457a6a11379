import type { RunStatus } from '@tandem/db';
import * as Y from 'yjs';

/**
 * The layout of `workflow:<id>:runs` (DESIGN.md): `runs` Y.Map<runId, Y.Map { versionId, status,
 * startedBy, startedAt, finishedAt, variant?, truncated?, events: Y.Array<RunEvent> }>. Only the server
 * writes it. It is a live view bounded to recent runs; Postgres keeps every event.
 */
const RUNS_ROOT = 'runs';
const EVENTS = 'events';

/** The fields of a RunEvent (packages/engine) the writer needs; the rest is carried as is. */
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
  run.set('versionId', start.versionId ?? null);
  run.set('status', 'running' satisfies RunStatus);
  run.set('startedBy', start.startedBy ?? null);
  run.set('startedAt', start.startedAt ?? null);
  run.set('finishedAt', null);
  run.set('variant', start.variant ?? null);
  run.set(EVENTS, new Y.Array<RunEventLike>());
  runsRoot(doc).set(start.runId, run);
  return run;
}

/** Drops the oldest runs (by start time, then id) beyond `maxRuns`. */
function trimRuns(doc: Y.Doc, maxRuns: number): void {
  const root = runsRoot(doc);
  if (root.size <= maxRuns) return;
  const runs = [...root.entries()].map(([runId, value]) => {
    const startedAt = value instanceof Y.Map ? value.get('startedAt') : null;
    return { runId, startedAt: typeof startedAt === 'string' ? startedAt : '' };
  });
  runs.sort((a, b) =>
    a.startedAt === b.startedAt ? (a.runId < b.runId ? -1 : 1) : a.startedAt < b.startedAt ? -1 : 1,
  );
  for (const { runId } of runs.slice(0, root.size - maxRuns)) root.delete(runId);
}

/** Records a run's start (or refreshes its metadata) and keeps at most `maxRuns` runs. */
export function writeRunStart(doc: Y.Doc, start: RunStart, maxRuns: number): void {
  const existing = runMap(doc, start.runId);
  if (existing) {
    existing.set('versionId', start.versionId);
    existing.set('startedBy', start.startedBy);
    existing.set('startedAt', start.startedAt);
    existing.set('variant', start.variant ?? null);
  } else {
    createRun(doc, start);
  }
  trimRuns(doc, maxRuns);
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
 * events. Past `maxEvents` only status changes are kept and the run is marked `truncated`.
 */
export function appendRunEvents(
  doc: Y.Doc,
  runId: string,
  events: readonly RunEventLike[],
  maxEvents: number,
): void {
  if (events.length === 0) return;
  const started = events.find((event) => event.type === 'run.started');
  const run =
    runMap(doc, runId) ??
    createRun(doc, {
      runId,
      versionId: typeof started?.versionId === 'string' ? started.versionId : undefined,
      startedAt: started?.at,
    });
  let list = run.get(EVENTS);
  if (!(list instanceof Y.Array)) {
    list = new Y.Array<RunEventLike>();
    run.set(EVENTS, list);
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
      run.set('status', status);
      run.set('finishedAt', event.at);
    }
    if (stored.length < maxEvents) stored.push([event]);
    else run.set('truncated', true);
  }
}

/** Reads every run, newest first (for tests and for whoever renders the runs document). */
export function readRuns(doc: Y.Doc): RunView[] {
  const views: RunView[] = [];
  for (const [runId, value] of runsRoot(doc).entries()) {
    if (!(value instanceof Y.Map)) continue;
    const get = (key: string): unknown => value.get(key);
    const text = (key: string) => {
      const field = get(key);
      return typeof field === 'string' ? field : null;
    };
    const events = get(EVENTS);
    views.push({
      runId,
      versionId: text('versionId'),
      status: (text('status') ?? 'running') as RunStatus,
      startedBy: text('startedBy'),
      startedAt: text('startedAt'),
      finishedAt: text('finishedAt'),
      variant: text('variant'),
      truncated: get('truncated') === true,
      events: events instanceof Y.Array ? (events.toArray() as RunEventLike[]) : [],
    });
  }
  return views.sort((a, b) => ((a.startedAt ?? '') < (b.startedAt ?? '') ? 1 : -1));
}
