import type { NodeRunState, RunSummary } from './run-timeline';
import { formatCost, formatDuration, timelineBars } from './run-timeline';

/** Gantt-style: one row per node, a bar from its start to its end (growing while it runs). */
export function RunTimeline({
  summary,
  now,
  nodeLabel,
  selectedNodeId,
  onSelectNode,
}: {
  summary: RunSummary;
  now: number;
  nodeLabel: (nodeId: string) => string;
  selectedNodeId: string | null;
  onSelectNode: (nodeId: string) => void;
}) {
  const { bars, spanMs } = timelineBars(summary, now);
  if (bars.length === 0) return <p className="timeline__empty">Waiting for the first node…</p>;
  return (
    <div className="timeline">
      <div className="timeline__scale" aria-hidden="true">
        <span>0</span>
        <span>{formatDuration(spanMs / 2)}</span>
        <span>{formatDuration(spanMs)}</span>
      </div>
      <ul className="timeline__rows" aria-label="Run timeline">
        {bars.map((bar) => {
          const node = summary.byNode.get(bar.nodeId);
          return (
            <li key={bar.nodeId}>
              <button
                type="button"
                className={`timeline__row${bar.nodeId === selectedNodeId ? ' is-selected' : ''}`}
                data-node-id={bar.nodeId}
                data-status={bar.status}
                onClick={() => onSelectNode(bar.nodeId)}
              >
                <span className="timeline__label" title={nodeLabel(bar.nodeId)}>
                  <span className={`status-dot status-dot--${bar.status}`} aria-hidden="true" />
                  {nodeLabel(bar.nodeId)}
                </span>
                <span className="timeline__track">
                  <span
                    className={`timeline__bar timeline__bar--${bar.status}`}
                    style={{ left: `${bar.leftPct}%`, width: `max(3px, ${bar.widthPct}%)` }}
                  />
                </span>
                <span className="timeline__stats">
                  <span className="timeline__duration">
                    {node?.startedAt == null ? bar.status : formatDuration(bar.durationMs)}
                  </span>
                  {node && <NodeStats node={node} />}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function NodeStats({ node }: { node: NodeRunState }) {
  const tokens = node.tokensIn + node.tokensOut;
  return (
    <>
      {tokens > 0 && <span title={`${node.tokensIn} in · ${node.tokensOut} out`}>{tokens} tok</span>}
      {node.costUsd !== null && <span>{formatCost(node.costUsd)}</span>}
      {node.attempts > 1 && <span className="timeline__attempts">×{node.attempts}</span>}
    </>
  );
}
