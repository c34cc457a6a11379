import { Graph, layout } from '@dagrejs/dagre';

export type LayoutNode = { id: string; width: number; height: number };
export type LayoutEdge = { source: string; target: string };
export type LayoutOptions = { rankGap?: number; nodeGap?: number };

/**
 * Left-to-right positions (top-left corners, React Flow's convention) for a DAG, from dagre. Pure: the caller
 * writes the result to the doc in one transaction so the whole layout is one undo step. Positions are
 * rounded so collaborators' docs carry the same small numbers.
 */
export function layoutGraph(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  options: LayoutOptions = {},
): Map<string, { x: number; y: number }> {
  const graph = new Graph();
  graph.setGraph({
    rankdir: 'LR',
    ranksep: options.rankGap ?? 90,
    nodesep: options.nodeGap ?? 40,
    marginx: 0,
    marginy: 0,
  });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: node.width, height: node.height });
  for (const edge of edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target);
  }
  layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const laid = graph.node(node.id);
    // dagre places node centres; React Flow positions are top-left corners.
    positions.set(node.id, {
      x: Math.round(laid.x - node.width / 2),
      y: Math.round(laid.y - node.height / 2),
    });
  }
  return positions;
}
