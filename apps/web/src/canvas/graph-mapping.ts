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
    const nodeProblems = problems.get(graphNode.id) ?? NO_PROBLEMS;
    const prev = before.get(graphNode.id);
    // The doc's graph keeps the object of every node a change did not touch (`updateGraph`): a flow node built
    // from that very object and these very problems, and not changed locally since, is still right as it is.
    // This keeps a remote move O(1) per untouched node instead of a summary and a JSON comparison each.
    if (prev && builtFrom.get(prev) === graphNode && problemsOf.get(prev) === nodeProblems) return prev;
    const next = toFlowNode(graphNode, nodeProblems);
    if (!prev) return remember(next, graphNode, nodeProblems);
    const position = prev.dragging ? prev.position : next.position;
    const sameData = prev.type === next.type && sameJson(prev.data, next.data);
    if (sameData && prev.position.x === position.x && prev.position.y === position.y) {
      return prev.dragging ? prev : remember(prev, graphNode, nodeProblems);
    }
    // A moved node keeps its data object, so nothing that reads only `data` sees a change.
    const moved = {
      ...next,
      ...(sameData ? { data: prev.data } : {}),
      position,
      selected: prev.selected,
      dragging: prev.dragging,
      measured: prev.measured,
    } as FlowNode;
    return prev.dragging ? moved : remember(moved, graphNode, nodeProblems);
  });
}

/**
 * Which doc node (and problem list) each flow node was built from. React Flow's local changes (selection,
 * measurement, a drag) make new node objects, which are not in here, so they always get a full comparison.
 */
const builtFrom = new WeakMap<FlowNode, GraphNode>();
const problemsOf = new WeakMap<FlowNode, readonly string[]>();

function remember(node: FlowNode, graphNode: GraphNode, problems: readonly string[]): FlowNode {
  builtFrom.set(node, graphNode);
  problemsOf.set(node, problems);
  return node;
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
