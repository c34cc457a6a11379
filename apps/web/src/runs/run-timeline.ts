import type { RunEventLike, RunStatus, RunView } from '@tandem/workflow';

/** What one node of a run is doing, as the canvas ring and the timeline show it. */
export type NodeRunStatus = 'queued' | 'running' | 'streaming' | 'done' | 'failed' | 'skipped' | 'retrying';

export type NodeRunState = {
  nodeId: string;
  status: NodeRunStatus;
  /** Epoch ms of the first `node.started`; null while queued or when skipped without starting. */
  startedAt: number | null;
  /** Epoch ms of the final event (completed, failed, skipped); null while it runs. */
  endedAt: number | null;
  attempts: number;
  /** Streamed text of the current attempt. */
  text: string;
  hasOutput: boolean;
  output: unknown;
  error: string | null;
  skipReason: string | null;
  latencyMs: number | null;
  tokensIn: number;
  tokensOut: number;
  costUsd: number | null;
};

export type RunSummary = {
  runId: string;
  status: RunStatus;
  startedAt: number | null;
  finishedAt: number | null;
  /** Nodes in the order they first appear (events, then the queued ones). */
  nodes: NodeRunState[];
  byNode: ReadonlyMap<string, NodeRunState>;
  tokensIn: number;
  tokensOut: number;
  costUsd: number | null;
  error: string | null;
  outputs: unknown;
};

const ACTIVE: readonly RunStatus[] = ['queued', 'running'];

export function isActiveRun(status: RunStatus): boolean {
  return ACTIVE.includes(status);
}

function time(at: unknown): number | null {
  if (typeof at !== 'string') return null;
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? null : ms;
}

function numberField(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function errorMessage(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'message' in value && typeof value.message === 'string')
    return value.message;
  return 'Failed';
}

function usageOf(
  event: RunEventLike,
): { tokensIn: number; tokensOut: number; costUsd: number | null } | null {
  const usage = event.usage;
  if (typeof usage !== 'object' || usage === null) return null;
  const record = usage as Record<string, unknown>;
  return {
    tokensIn: numberField(record.tokensIn) ?? 0,
    tokensOut: numberField(record.tokensOut) ?? 0,
    costUsd: numberField(record.costUsd),
  };
}

function fresh(nodeId: string): NodeRunState {
  return {
    nodeId,
    status: 'queued',
    startedAt: null,
    endedAt: null,
    attempts: 0,
    text: '',
    hasOutput: false,
    output: undefined,
    error: null,
    skipReason: null,
    latencyMs: null,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: null,
  };
}

/**
 * Folds a run's events into per-node states. While the run is active, the graph's nodes that have no event
 * yet read `queued`; a finished run lists only the nodes it reached. Tolerant of any event it does not know.
 */
export function summariseRun(run: RunView, graphNodeIds: readonly string[] = []): RunSummary {
  const byNode = new Map<string, NodeRunState>();
  const state = (nodeId: string) => {
    let node = byNode.get(nodeId);
    if (!node) {
      node = fresh(nodeId);
      byNode.set(nodeId, node);
    }
    return node;
  };
  let startedAt = time(run.startedAt);
  let finishedAt = time(run.finishedAt);
  let error: string | null = null;
  let outputs: unknown;
  let usage: { tokensIn: number; tokensOut: number; costUsd: number | null } | null = null;
  for (const event of run.events) {
    const at = time(event.at);
    if (event.type === 'run.started') startedAt ??= at;
    else if (event.type === 'run.completed') {
      finishedAt = at ?? finishedAt;
      outputs = event.outputs;
      usage = usageOf(event);
    } else if (event.type === 'run.failed') {
      finishedAt = at ?? finishedAt;
      error = errorMessage(event.error);
    } else if (event.type === 'run.cancelled') finishedAt = at ?? finishedAt;
    const nodeId = event.nodeId;
    if (nodeId === undefined || !event.type.startsWith('node.')) continue;
    const node = state(nodeId);
    switch (event.type) {
      case 'node.started':
        node.status = 'running';
        node.startedAt ??= at;
        node.attempts = Math.max(node.attempts, numberField(event.attempt) ?? node.attempts + 1);
        node.text = '';
        node.error = null;
        break;
      case 'node.delta':
        node.status = 'streaming';
        node.startedAt ??= at;
        node.text += event.text ?? '';
        break;
      case 'node.completed': {
        node.status = 'done';
        node.endedAt = at;
        node.hasOutput = true;
        node.output = event.output;
        node.latencyMs = numberField(event.latencyMs);
        const used = usageOf(event);
        if (used) {
          node.tokensIn += used.tokensIn;
          node.tokensOut += used.tokensOut;
          node.costUsd = used.costUsd === null ? node.costUsd : (node.costUsd ?? 0) + used.costUsd;
        }
        break;
      }
      case 'node.failed':
        node.status = 'failed';
        node.endedAt = at;
        node.error = errorMessage(event.error);
        node.attempts = Math.max(node.attempts, numberField(event.attempt) ?? 1);
        break;
      case 'node.retrying':
        node.status = 'retrying';
        node.error = errorMessage(event.error);
        node.attempts = Math.max(node.attempts, numberField(event.attempt) ?? 1);
        break;
      case 'node.skipped':
        node.status = 'skipped';
        node.endedAt = at;
        node.skipReason = typeof event.reason === 'string' ? event.reason : null;
        break;
    }
  }
  if (isActiveRun(run.status)) for (const nodeId of graphNodeIds) state(nodeId);
  const nodes = [...byNode.values()];
  const totals = usage ?? {
    tokensIn: nodes.reduce((sum, node) => sum + node.tokensIn, 0),
    tokensOut: nodes.reduce((sum, node) => sum + node.tokensOut, 0),
    costUsd: nodes.some((node) => node.costUsd !== null)
      ? nodes.reduce((sum, node) => sum + (node.costUsd ?? 0), 0)
      : null,
  };
  return {
    runId: run.runId,
    status: run.status,
    startedAt,
    finishedAt: isActiveRun(run.status) ? null : finishedAt,
    nodes,
    byNode,
    ...totals,
    error,
    outputs,
  };
}

export type TimelineBar = {
  nodeId: string;
  status: NodeRunStatus;
  /** ms from the run's start. */
  offsetMs: number;
  durationMs: number;
  /** Position on the track, 0–100. */
  leftPct: number;
  widthPct: number;
};

/**
 * One bar per node that started (start → end, or → `now` while it runs), on a track spanning the run's
 * start to its end (or now). Nodes that never started (queued, skipped before starting) get a zero-width
 * bar at the end of the track so every node has a row.
 */
export function timelineBars(summary: RunSummary, now: number): { bars: TimelineBar[]; spanMs: number } {
  const starts = summary.nodes.map((node) => node.startedAt).filter((at): at is number => at !== null);
  const origin = summary.startedAt ?? (starts.length > 0 ? Math.min(...starts) : now);
  const ends = summary.nodes.map((node) => node.endedAt ?? (node.startedAt === null ? null : now));
  const last = summary.finishedAt ?? Math.max(now, ...ends.filter((at): at is number => at !== null));
  const spanMs = Math.max(1, last - origin);
  const bars = summary.nodes.map((node): TimelineBar => {
    const start = node.startedAt ?? node.endedAt ?? last;
    const end = node.endedAt ?? (node.startedAt === null ? start : (summary.finishedAt ?? now));
    const offsetMs = Math.max(0, start - origin);
    const durationMs = Math.max(0, end - start);
    return {
      nodeId: node.nodeId,
      status: node.status,
      offsetMs,
      durationMs,
      leftPct: Math.min(100, (offsetMs / spanMs) * 100),
      widthPct: Math.min(100 - Math.min(100, (offsetMs / spanMs) * 100), (durationMs / spanMs) * 100),
    };
  });
  bars.sort((a, b) => a.offsetMs - b.offsetMs || (a.nodeId < b.nodeId ? -1 : 1));
  return { bars, spanMs };
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${Math.floor(ms / 60_000)}m ${Math.round((ms % 60_000) / 1000)}s`;
}

export function formatCost(usd: number | null): string {
  if (usd === null) return '—';
  if (usd === 0) return '$0';
  return usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}
