import {
  assertNever,
  type Graph,
  type GraphEdge,
  type GraphNode,
  isNodeType,
  NODE_TYPE_SPECS,
  type NodeType,
} from '@tandem/workflow';
import type { FlowEdge, FlowNode, TandemFlowNode } from './flow-types';
import { SUMMARISERS } from './node-summary';

export type ProblemsByNode = ReadonlyMap<string, readonly string[]>;

const NO_PROBLEMS: readonly string[] = [];
function knownNode<T extends NodeType>(
  type: T,
  node: GraphNode,
  problems: readonly string[],
): TandemFlowNode<T> {
  return {
    id: node.id,
    type,
    position: { x: node.position.x, y: node.position.y },
    data: {
      label: node.label || NODE_TYPE_SPECS[type].label,
      summary: SUMMARISERS[type](node.config),
      problems,
    },
  };
}

/** Maps one doc node to a React Flow node; the switch keeps each type's data typed (and fails to compile on a new type). */
export function toFlowNode(node: GraphNode, problems: readonly string[] = NO_PROBLEMS): FlowNode {
  const type = node.type;
  if (!isNodeType(type)) {
    return {
      id: node.id,
      type: 'unknown',
      position: { x: node.position.x, y: node.position.y },
      data: { label: node.label || type, typeName: type, problems },
    };
  }
  switch (type) {
    case 'input':
      return knownNode('input', node, problems);
    case 'llm':
      return knownNode('llm', node, problems);
    case 'template':
      return knownNode('template', node, problems);
    case 'condition':
      return knownNode('condition', node, problems);
    case 'http':
      return knownNode('http', node, problems);
    case 'code':
      return knownNode('code', node, problems);
    case 'merge':
      return knownNode('merge', node, problems);
    case 'output':
      return knownNode('output', node, problems);
    default:
      return assertNever(type);
  }
}

export function toFlowEdge(edge: GraphEdge): FlowEdge {
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourceHandle,
    targetHandle: edge.targetHandle,
    // Branches of a condition are coloured so "true" and "false" paths read at a glance.
    className:
      edge.sourceHandle === 'true' || edge.sourceHandle === 'false'
        ? `edge--${edge.sourceHandle}`
        : undefined,
    data: { sourceHandle: edge.sourceHandle, targetHandle: edge.targetHandle },
  };
}

/**
 * The doc's graph as React Flow nodes, keeping the previous render's view-only state (selection, measured
 * size) and, for a node the local user is dragging, the local position (the doc lags the pointer by a throttle).
 * Unchanged nodes keep their previous object so memoised node components do not re-render.
 */
export function toFlowNodes(
  graph: Graph,
  previous: readonly FlowNode[] = [],
  problems: ProblemsByNode = new Map(),
): FlowNode[] {
  const before = new Map(previous.map((node) => [node.id, node]));
  return graph.nodes.map((graphNode) => {
    const next = toFlowNode(graphNode, problems.get(graphNode.id) ?? NO_PROBLEMS);
    const prev = before.get(next.id);
    if (!prev) return next;
    const position = prev.dragging ? prev.position : next.position;
    const sameData = prev.type === next.type && sameJson(prev.data, next.data);
    if (sameData && prev.position.x === position.x && prev.position.y === position.y) return prev;
    // A moved node keeps its data object, so nothing that reads only `data` sees a change.
    return {
      ...next,
      ...(sameData ? { data: prev.data } : {}),
      position,
      selected: prev.selected,
      dragging: prev.dragging,
      measured: prev.measured,
    } as FlowNode;
  });
}

/** The doc's edges as React Flow edges, keeping selection and unchanged edge objects. */
export function toFlowEdges(graph: Graph, previous: readonly FlowEdge[] = []): FlowEdge[] {
  const before = new Map(previous.map((edge) => [edge.id, edge]));
  return graph.edges.map((graphEdge) => {
    const next = toFlowEdge(graphEdge);
    const prev = before.get(next.id);
    if (!prev) return next;
    if (
      prev.source === next.source &&
      prev.target === next.target &&
      prev.sourceHandle === next.sourceHandle &&
      prev.targetHandle === next.targetHandle
    ) {
      return prev;
    }
    return { ...next, selected: prev.selected };
  });
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
