import type { RunStatus } from '@tandem/workflow';
import { type PointerEvent as ReactPointerEvent, useRef } from 'react';
import { relativeTime } from '../ui/relative-time';
import { formatCost, formatDuration, isActiveRun, type NodeRunState, type RunSummary } from './run-timeline';
import { RunTimeline } from './run-timeline-view';

export type RunListItem = {
  runId: string;
  status: RunStatus;
  startedAt: string | null;
  startedBy: string;
  /** On the live runs document (else only in the history from the server). */
  live: boolean;
};

export type RunPanelProps = {
  runs: readonly RunListItem[];
  selectedRunId: string | null;
  summary: RunSummary | null;
  loadingRun: boolean;
  now: number;
  nodeLabel: (nodeId: string) => string;
  selectedNodeId: string | null;
  onSelectRun: (runId: string) => void;
  onSelectNode: (nodeId: string) => void;
  canControl: boolean;
  onCancel: (runId: string) => void;
  collapsed: boolean;
  onToggle: () => void;
  height: number;
  onResize: (height: number) => void;
  /** Threads about a node of this run, and a way to open or start one. */
  threadCount: (runId: string, nodeId: string) => number;
  onComment: (runId: string, nodeId: string) => void;
  /** "Add inputs to dataset" for a finished run (editors only). */
  onAddToDataset?: (runId: string, succeeded: boolean) => void;
};

const STATUS_LABEL: Record<RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** The bottom panel: run history, the selected run's timeline, and the selected node's output. */
export function RunPanel(props: RunPanelProps) {
  const { summary, collapsed } = props;
  const drag = useRef<{ y: number; height: number } | null>(null);
  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    drag.current = { y: event.clientY, height: props.height };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const next = drag.current.height + (drag.current.y - event.clientY);
    props.onResize(Math.min(Math.max(next, 160), window.innerHeight * 0.7));
  };
  const active = summary && isActiveRun(summary.status);
  const duration = summary?.startedAt != null ? (summary.finishedAt ?? props.now) - summary.startedAt : null;
  const node = summary && props.selectedNodeId ? summary.byNode.get(props.selectedNodeId) : undefined;
  return (
    <section
      className={`run-panel${collapsed ? ' is-collapsed' : ''}`}
      style={collapsed ? undefined : { height: props.height }}
      aria-label="Runs"
    >
      {!collapsed && (
        <div
          className="run-panel__grip"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={() => {
            drag.current = null;
          }}
          aria-hidden="true"
        />
      )}
      <header className="run-panel__head">
        <button
          type="button"
          className="run-panel__toggle"
          aria-expanded={!collapsed}
          onClick={props.onToggle}
        >
          <span className="run-panel__chevron" aria-hidden="true">
            {collapsed ? '▴' : '▾'}
          </span>
          Runs
        </button>
        {summary && (
          <>
            <span className={`run-status run-status--${summary.status}`} data-testid="run-status">
              {STATUS_LABEL[summary.status]}
            </span>
            <span className="run-panel__facts">
              {duration !== null && <span>{formatDuration(duration)}</span>}
              <span>{summary.tokensIn + summary.tokensOut} tokens</span>
              <span>{formatCost(summary.costUsd)}</span>
              {summary.error && <span className="run-panel__error">{summary.error}</span>}
            </span>
          </>
        )}
        <span className="run-panel__spacer" />
        {summary && !active && props.onAddToDataset && (
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={() => props.onAddToDataset?.(summary.runId, summary.status === 'succeeded')}
          >
            Add inputs to dataset
          </button>
        )}
        {active && props.canControl && summary && (
          <button
            type="button"
            className="button button--small button--danger"
            onClick={() => props.onCancel(summary.runId)}
          >
            Cancel run
          </button>
        )}
      </header>
      {!collapsed && (
        <div className="run-panel__body">
          <RunHistory {...props} />
          <div className="run-panel__timeline">
            {props.loadingRun && <p className="timeline__empty">Loading run…</p>}
            {!props.loadingRun && summary && (
              <RunTimeline
                summary={summary}
                now={props.now}
                nodeLabel={props.nodeLabel}
                selectedNodeId={props.selectedNodeId}
                onSelectNode={props.onSelectNode}
              />
            )}
            {!props.loadingRun && !summary && (
              <p className="timeline__empty">
                {props.runs.length === 0 ? 'No runs yet. Press Run to try the draft.' : 'Pick a run.'}
              </p>
            )}
          </div>
          <NodeOutput
            node={node}
            label={node ? props.nodeLabel(node.nodeId) : ''}
            threads={summary && node ? props.threadCount(summary.runId, node.nodeId) : 0}
            onComment={summary && node ? () => props.onComment(summary.runId, node.nodeId) : undefined}
          />
        </div>
      )}
    </section>
  );
}

function RunHistory({ runs, selectedRunId, onSelectRun }: RunPanelProps) {
  return (
    <ol className="run-history" aria-label="Run history">
      {runs.map((run) => (
        <li key={run.runId}>
          <button
            type="button"
            className={`run-history__item${run.runId === selectedRunId ? ' is-selected' : ''}`}
            aria-current={run.runId === selectedRunId ? 'true' : undefined}
            onClick={() => onSelectRun(run.runId)}
          >
            <span className={`status-dot status-dot--run-${run.status}`} aria-hidden="true" />
            <span className="run-history__main">
              <span className="run-history__who">{run.startedBy}</span>
              <span className="run-history__when">
                {run.startedAt ? relativeTime(run.startedAt) : 'queued'} · {STATUS_LABEL[run.status]}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}

function formatOutput(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

function NodeOutput({
  node,
  label,
  threads,
  onComment,
}: {
  node: NodeRunState | undefined;
  label: string;
  threads: number;
  onComment: (() => void) | undefined;
}) {
  if (!node) return <div className="run-output run-output--empty">Select a node to see its output.</div>;
  const streaming = node.status === 'streaming' || node.status === 'running' || node.status === 'retrying';
  return (
    <section className="run-output" aria-label={`Output of ${label}`}>
      <header className="run-output__head">
        <span className="run-output__title">{label}</span>
        <span className={`run-status run-status--node-${node.status}`}>{node.status}</span>
        {node.latencyMs !== null && (
          <span className="run-output__fact">{formatDuration(node.latencyMs)}</span>
        )}
        {onComment && (
          <button type="button" className="button button--small button--ghost" onClick={onComment}>
            {threads > 0 ? `${threads} comment${threads === 1 ? '' : 's'}` : 'Comment'}
          </button>
        )}
      </header>
      {node.error && <pre className="run-output__error">{node.error}</pre>}
      {node.skipReason && <p className="run-output__note">Skipped: {node.skipReason}</p>}
      {node.hasOutput ? (
        <pre className="run-output__text">{formatOutput(node.output)}</pre>
      ) : node.text ? (
        <pre className="run-output__text" data-testid="stream-text">
          {node.text}
          {streaming && <span className="tnode__caret" aria-hidden="true" />}
        </pre>
      ) : (
        !node.error &&
        !node.skipReason && <p className="run-output__note">{streaming ? 'Working…' : 'Not started yet.'}</p>
      )}
    </section>
  );
}
