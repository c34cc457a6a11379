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
function readNodeMap(id: string, map: Y.Map<unknown>): GraphNode {
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

const EMPTY_META: GraphMeta = { name: '', description: '', schemaVersion: 0 };

function readMeta(meta: Y.Map<unknown>): GraphMeta {
  const name = meta.get(META.name);
  const description = meta.get(META.description);
  const schemaVersion = meta.get(META.schemaVersion);
  return {
    name: typeof name === 'string' ? name : '',
    description: typeof description === 'string' ? description : '',
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 0,
  };
}

/** The edges whose endpoints both exist, sorted by id, with an empty handle read as the type's first one. */
function readEdges(edgesRoot: Y.Map<unknown>, nodes: readonly GraphNode[]): GraphEdge[] {
  const types = new Map(nodes.map((node) => [node.id, node.type]));
  const edges: GraphEdge[] = [];
  for (const [id, value] of edgesRoot.entries()) {
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
  return edges.sort(byId);
}

/**
 * A plain snapshot of the document for rendering. Never throws, whatever the Yjs content: entries that
 * are not node maps are skipped, malformed fields fall back to neutral values, and edges whose endpoints
 * are missing (the expected result of a concurrent delete + connect) are dropped. Nodes and edges are
 * sorted by id, so two converged docs read identically.
 */
export function readGraph(doc: Y.Doc): Graph {
  const roots = safeDocRoots(doc);
  if (!roots) return { meta: { ...EMPTY_META }, nodes: [], edges: [] };
  const nodes: GraphNode[] = [];
  for (const [id, value] of roots.nodes.entries()) {
    if (value instanceof Y.Map) nodes.push(readNodeMap(id, value as Y.Map<unknown>));
  }
  nodes.sort(byId);
  return { meta: readMeta(roots.meta), nodes, edges: readEdges(roots.edges, nodes) };
}

/**
 * One node as {@link readGraph} reads it (same tolerance), without reading the rest of the doc; null when
 * the id is absent or does not hold a node.
 */
export function readGraphNode(doc: Y.Doc, nodeId: string): GraphNode | null {
  const value = safeDocRoots(doc)?.nodes.get(nodeId);
  return value instanceof Y.Map ? readNodeMap(nodeId, value as Y.Map<unknown>) : null;
}

/** What one transaction (or several, merged with {@link mergeWorkflowChanges}) changed in a workflow doc. */
export type WorkflowChange = {
  /** The name, description or schema version may have changed. */
  meta: boolean;
  /** Nodes added, removed, replaced or edited at any depth (position, label, config, prompt text). */
  nodes: ReadonlySet<string>;
  /** Edges added, removed or replaced. */
  edges: ReadonlySet<string>;
};

/** The key, in `root`, of the entry that holds `type` (at any depth); null when `type` is not under it. */
function keyUnder(type: { _item: Y.Item | null }, root: unknown): string | null {
  let current = type;
  for (let item = current._item; item !== null; item = current._item) {
    const parent = item.parent;
    if (parent === root) return item.parentSub;
    if (!(parent instanceof Y.AbstractType)) return null;
    current = parent;
  }
  return null;
}

/**
 * Calls `listener` after every transaction that changed the workflow, local or remote, with the ids of the
 * nodes and edges it touched (read from the transaction's changed types, so the cost is the size of the
 * change, not of the doc). Feed the changes to {@link updateGraph} to keep a {@link Graph} current without
 * re-reading it whole. Returns the unsubscribe function.
 */
export function observeWorkflowChanges(doc: Y.Doc, listener: (change: WorkflowChange) => void): () => void {
  const roots = safeDocRoots(doc);
  const handler = (transaction: Y.Transaction) => {
    if (transaction.changed.size === 0) return;
    // A root of the wrong Yjs type (a corrupt or hostile doc) must not throw here either: readers show it
    // as empty, and any change at all is reported as a meta change.
    if (!roots) return listener({ meta: true, nodes: new Set(), edges: new Set() });
    let meta = false;
    const nodes = new Set<string>();
    const edges = new Set<string>();
    for (const [type, keys] of transaction.changed) {
      const changed: unknown = type;
      if (changed === roots.meta || keyUnder(type, roots.meta) !== null) meta = true;
      else if (changed === roots.nodes) addKeys(nodes, keys);
      else if (changed === roots.edges) addKeys(edges, keys);
      else {
        const node = keyUnder(type, roots.nodes);
        if (node !== null) nodes.add(node);
        const edge = node === null ? keyUnder(type, roots.edges) : null;
        if (edge !== null) edges.add(edge);
      }
    }
    if (meta || nodes.size > 0 || edges.size > 0) listener({ meta, nodes, edges });
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}

function addKeys(into: Set<string>, keys: Set<string | null>): void {
  for (const key of keys) if (key !== null) into.add(key);
}

/**
 * Calls `listener` once after every transaction that changed the workflow (meta, nodes, edges, at any
 * depth), local or remote. Returns the unsubscribe function.
 */
export function observeWorkflow(doc: Y.Doc, listener: () => void): () => void {
  return observeWorkflowChanges(doc, () => listener());
}

/** The union of several changes (e.g. every transaction since the last render). */
export function mergeWorkflowChanges(a: WorkflowChange, b: WorkflowChange): WorkflowChange {
  return {
    meta: a.meta || b.meta,
    nodes: new Set([...a.nodes, ...b.nodes]),
    edges: new Set([...a.edges, ...b.edges]),
  };
}

/**
 * The graph after `change`, equal to `readGraph(doc)` when `previous` was the graph before it. Only the
 * changed nodes are re-read: every other node keeps its object, so memoised views skip it, and a change
 * that touches no node keeps the `nodes` array (likewise `edges` and `meta`). Edges are re-read when an
 * edge changed or a node appeared, disappeared or changed type (their endpoints and default handles
 * depend on it); unchanged edges keep their objects.
 */
export function updateGraph(doc: Y.Doc, previous: Graph, change: WorkflowChange): Graph {
  const roots = safeDocRoots(doc);
  if (!roots) return readGraph(doc);
  const meta = change.meta ? readMeta(roots.meta) : previous.meta;
  if (change.nodes.size === 0 && change.edges.size === 0) return { ...previous, meta };
  let nodes = previous.nodes;
  let endpointsChanged = false;
  if (change.nodes.size > 0) {
    const before = new Map(previous.nodes.map((node) => [node.id, node]));
    for (const id of change.nodes) {
      const next = readGraphNode(doc, id);
      const old = before.get(id);
      if (!next) before.delete(id);
      else before.set(id, next);
      if (next?.type !== old?.type) endpointsChanged = true;
    }
    // Same ids and types: keep the order (no sort) and every untouched node object.
    nodes = endpointsChanged
      ? [...before.values()].sort(byId)
      : previous.nodes.map((node) => before.get(node.id) ?? node);
  }
  let edges = previous.edges;
  if (endpointsChanged || change.edges.size > 0) {
    const old = new Map(previous.edges.map((edge) => [edge.id, edge]));
    edges = readEdges(roots.edges, nodes).map((edge) => {
      const kept = old.get(edge.id);
      return kept && sameEdge(kept, edge) ? kept : edge;
    });
  }
  return { meta, nodes, edges };
}

function sameEdge(a: GraphEdge, b: GraphEdge): boolean {
  return (
    a.source === b.source &&
    a.target === b.target &&
    a.sourceHandle === b.sourceHandle &&
    a.targetHandle === b.targetHandle
  );
}
