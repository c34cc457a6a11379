import type { NodeType } from '@tandem/workflow';
import type { Edge, Node } from '@xyflow/react';
import type { NodeSummaries } from './node-summary';

/** Data carried by a known node type's React Flow node. */
export type TandemNodeData<T extends NodeType> = {
  /** The user's label, or the type's label when the node has none. */
  label: string;
  summary: NodeSummaries[T];
  /** Validation messages about this node (empty when it is fine). */
  problems: readonly string[];
};

export type TandemFlowNode<T extends NodeType> = Node<TandemNodeData<T>, T>;

/** A node whose type this client does not know (e.g. written by a newer client): shown, never dropped. */
export type UnknownFlowNode = Node<
  { label: string; typeName: string; problems: readonly string[] },
  'unknown'
>;

export type FlowNode = { [T in NodeType]: TandemFlowNode<T> }[NodeType] | UnknownFlowNode;

/** A node that exists only in a version being compared (removed from the draft since): drawn, never edited. */
export type GhostFlowNode = Node<{ label: string; typeName: string }, 'ghost'>;

export type FlowEdgeData = { sourceHandle: string; targetHandle: string };
export type FlowEdge = Edge<FlowEdgeData>;
