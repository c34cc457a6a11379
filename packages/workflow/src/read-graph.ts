import * as Y from 'yjs';
import { META, NODE, plainValue, readStoredEdge, safeDocRoots } from './doc-layout';
import { isNodeType, NODE_TYPE_SPECS } from './node-types';
import type { Position } from './schemas';

/** A node as the canvas renders it: read tolerantly, so `type` may be unknown and config unvalidated. */
export type GraphNode = {
  id: string;
  /** '' when the stored type is missing or not a string. */
  type: string;
  /** 0 when missing or not a number. */
  typeVersion: number;
  /** {0,0} when missing or malformed. */
  position: Position;
  /** '' when the node has no label. */
  label: string;
  config: Record<string, unknown>;
};

export type GraphEdge = {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
};

export type GraphMeta = { name: string; description: string; schemaVersion: number };

export type Graph = { meta: GraphMeta; nodes: GraphNode[]; edges: GraphEdge[] };

function readPosition(value: unknown): Position {
  const raw = value instanceof Y.Map ? (value.toJSON() as unknown) : value;
  if (typeof raw === 'object' && raw !== null) {
    const { x, y } = raw as Record<string, unknown>;
    if (typeof x === 'number' && Number.isFinite(x) && typeof y === 'number' && Number.isFinite(y))
      return { x, y };
  }
  return { x: 0, y: 0 };
}

function readConfig(value: unknown): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  if (value instanceof Y.Map) {
    for (const [field, fieldValue] of value.entries()) config[field] = plainValue(fieldValue);
  } else if (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Y.AbstractType)
  ) {
    Object.assign(config, value);
  }
  return config;
}

/** Reads one node map tolerantly. */
export function readGraphNode(id: string, map: Y.Map<unknown>): GraphNode {
  const type = map.get(NODE.type);
  const typeVersion = map.get(NODE.typeVersion);
  const label = map.get(NODE.label);
  return {
    id,
    type: typeof type === 'string' ? type : '',
    typeVersion: typeof typeVersion === 'number' && Number.isFinite(typeVersion) ? typeVersion : 0,
    position: readPosition(map.get(NODE.position)),
    label: typeof label === 'string' ? label : '',
    config: readConfig(map.get(NODE.config)),
  };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A plain snapshot of the document for rendering. Never throws, whatever the Yjs content: entries that
 * are not node maps are skipped, malformed fields fall back to neutral values, and edges whose endpoints
 * are missing (the expected result of a concurrent delete + connect) are dropped. Nodes and edges are
 * sorted by id, so two converged docs read identically.
 */
export function readGraph(doc: Y.Doc): Graph {
  const roots = safeDocRoots(doc);
  if (!roots) return { meta: { name: '', description: '', schemaVersion: 0 }, nodes: [], edges: [] };
  const name = roots.meta.get(META.name);
  const description = roots.meta.get(META.description);
  const schemaVersion = roots.meta.get(META.schemaVersion);
  const nodes: GraphNode[] = [];
  for (const [id, value] of roots.nodes.entries()) {
    if (value instanceof Y.Map) nodes.push(readGraphNode(id, value as Y.Map<unknown>));
  }
  nodes.sort(byId);
  const types = new Map(nodes.map((node) => [node.id, node.type]));
  const edges: GraphEdge[] = [];
  for (const [id, value] of roots.edges.entries()) {
    const edge = readStoredEdge(value);
    if (!edge) continue;
    const sourceType = types.get(edge.source);
    const targetType = types.get(edge.target);
    if (sourceType === undefined || targetType === undefined) continue;
    edges.push({
      id,
      source: edge.source,
      sourceHandle:
        edge.sourceHandle || (isNodeType(sourceType) ? (NODE_TYPE_SPECS[sourceType].outputs[0] ?? '') : ''),
      target: edge.target,
      targetHandle:
        edge.targetHandle || (isNodeType(targetType) ? (NODE_TYPE_SPECS[targetType].inputs[0] ?? '') : ''),
    });
  }
  edges.sort(byId);
  return {
    meta: {
      name: typeof name === 'string' ? name : '',
      description: typeof description === 'string' ? description : '',
      schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 0,
    },
    nodes,
    edges,
  };
}

/**
 * Calls `listener` once after every transaction that changed the workflow (meta, nodes, edges, at any
 * depth), local or remote. Returns the unsubscribe function.
 */
export function observeWorkflow(doc: Y.Doc, listener: () => void): () => void {
  const found = safeDocRoots(doc);
  // A root of the wrong Yjs type (a corrupt or hostile doc) must not throw here either: readers show it as
  // empty, and any change at all is reported.
  const roots = found ? new Set<unknown>([found.meta, found.nodes, found.edges]) : null;
  const handler = (transaction: Y.Transaction) => {
    if (!roots) {
      if (transaction.changed.size > 0) listener();
      return;
    }
    // changedParentTypes holds every ancestor of a changed type, so a deep change shows up as its root.
    const touched = [...transaction.changed.keys(), ...transaction.changedParentTypes.keys()];
    if (touched.some((type) => roots.has(type))) listener();
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}
