import { type ConnectionLineComponentProps, getBezierPath, useConnection, useStore } from '@xyflow/react';
import { connectionProblem } from './connection-rules';
import type { FlowEdge, FlowNode, GhostFlowNode } from './flow-types';

/**
 * The line drawn while connecting. Over a handle that would make an invalid edge it turns red and says why,
 * so a refused connection is never a silent no-op.
 */
export function ConnectionLine({
  fromX,
  fromY,
  toX,
  toY,
  fromPosition,
  toPosition,
  connectionStatus,
}: ConnectionLineComponentProps<FlowNode | GhostFlowNode>) {
  const connection = useConnection<FlowNode | GhostFlowNode>();
  const edges = useStore((state) => state.edges as FlowEdge[]);
  const [path] = getBezierPath({
    sourceX: fromX,
    sourceY: fromY,
    sourcePosition: fromPosition,
    targetX: toX,
    targetY: toY,
    targetPosition: toPosition,
  });
  let reason: string | null = null;
  if (connection.inProgress && connection.toHandle && connection.toNode) {
    const fromSource = connection.fromHandle.type === 'source';
    const source = fromSource ? connection.fromNode.id : connection.toNode.id;
    const target = fromSource ? connection.toNode.id : connection.fromNode.id;
    if (connection.fromHandle.type === connection.toHandle.type) {
      reason = fromSource ? 'Connect an output to an input' : 'Connect an input to an output';
    } else {
      reason = connectionProblem(edges, {
        source,
        target,
        sourceHandle: fromSource ? connection.fromHandle.id : connection.toHandle.id,
        targetHandle: fromSource ? connection.toHandle.id : connection.fromHandle.id,
      });
    }
  }
  const invalid = connectionStatus === 'invalid' || reason !== null;
  return (
    <g className={invalid ? 'connection-line connection-line--invalid' : 'connection-line'}>
      <path d={path} fill="none" />
      <circle cx={toX} cy={toY} r={4} />
      {reason && (
        <foreignObject x={toX + 12} y={toY - 34} width={240} height={30} className="connection-line__label">
          <span>{reason}</span>
        </foreignObject>
      )}
    </g>
  );
}
