import {
  addNode,
  connect,
  type EdgeDefinition,
  edgeDefinitionSchema,
  type Graph,
  isNodeType,
  NODE_TYPE_SPECS,
  type NodeDefinition,
  nodeDefinitionSchema,
} from '@tandem/workflow';
import type * as Y from 'yjs';

/** Marks clipboard text as ours, so pasting an arbitrary string (or another app's JSON) is ignored. */
export const CLIPBOARD_KIND = 'tandem/nodes';
export const CLIPBOARD_VERSION = 1;

export type ClipboardPayload = { nodes: NodeDefinition[]; edges: EdgeDefinition[] };

/**
 * The selected nodes and the edges running between them (an edge to an unselected node would dangle).
 * Nodes that do not parse as a definition (unknown type, invalid config mid-edit) are left out.
 */
export function copySelection(graph: Graph, selected: ReadonlySet<string>): ClipboardPayload {
  const nodes: NodeDefinition[] = [];
  for (const node of graph.nodes) {
    if (!selected.has(node.id) || !isNodeType(node.type)) continue;
    const parsed = nodeDefinitionSchema.safeParse({
      id: node.id,
      type: node.type,
      typeVersion: node.typeVersion || NODE_TYPE_SPECS[node.type].typeVersion,
      position: node.position,
      ...(node.label ? { label: node.label } : {}),
      config: node.config,
    });
    if (parsed.success) nodes.push(parsed.data);
  }
  const kept = new Set(nodes.map((node) => node.id));
  const edges = graph.edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target));
  return { nodes, edges };
}

export function serializeClipboard(payload: ClipboardPayload): string {
  return JSON.stringify({ kind: CLIPBOARD_KIND, version: CLIPBOARD_VERSION, ...payload });
}

/** Parses clipboard text; null for anything that is not a Tandem selection (never throws). */
export function parseClipboard(text: string): ClipboardPayload | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const record = raw as Record<string, unknown>;
  if (record.kind !== CLIPBOARD_KIND || record.version !== CLIPBOARD_VERSION) return null;
  if (!Array.isArray(record.nodes) || !Array.isArray(record.edges)) return null;
  const nodes: NodeDefinition[] = [];
  for (const node of record.nodes) {
    const parsed = nodeDefinitionSchema.safeParse(node);
    if (parsed.success) nodes.push(parsed.data);
  }
  if (nodes.length === 0) return null;
  const kept = new Set(nodes.map((node) => node.id));
  const edges: EdgeDefinition[] = [];
  for (const edge of record.edges) {
    const parsed = edgeDefinitionSchema.safeParse(edge);
    if (parsed.success && kept.has(parsed.data.source) && kept.has(parsed.data.target))
      edges.push(parsed.data);
  }
  return { nodes, edges };
}

/** A fresh id matching the workflow id pattern (letters, digits, "_", "-"). */
export function freshId(prefix: string): string {
  const random = crypto.randomUUID().replace(/-/g, '').slice(0, 12);
  return `${prefix}_${random}`;
}

/**
 * The payload with fresh node and edge ids, edges rewired to them, shifted by `offset`. Pure: pasting twice
 * gives two independent copies, and a copy never collides with its original.
 */
export function rekeyPayload(
  payload: ClipboardPayload,
  offset: { x: number; y: number },
  makeId: (prefix: string) => string = freshId,
): ClipboardPayload {
  const ids = new Map(payload.nodes.map((node) => [node.id, makeId(node.type)]));
  const nodes = payload.nodes.map(
    (node) =>
      ({
        ...node,
        id: ids.get(node.id) ?? node.id,
        position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
      }) as NodeDefinition,
  );
  const edges = payload.edges.flatMap((edge) => {
    const source = ids.get(edge.source);
    const target = ids.get(edge.target);
    return source && target ? [{ ...edge, id: makeId('e'), source, target }] : [];
  });
  return { nodes, edges };
}

/** Writes a (re-keyed) payload in one transaction, so the paste is one undo step. Returns the new node ids. */
export function insertPayload(doc: Y.Doc, payload: ClipboardPayload): string[] {
  const added: string[] = [];
  doc.transact(() => {
    for (const node of payload.nodes) {
      added.push(
        addNode(doc, {
          id: node.id,
          type: node.type,
          position: node.position,
          config: node.config,
          ...(node.label ? { label: node.label } : {}),
        }),
      );
    }
    for (const edge of payload.edges) {
      connect(doc, {
        id: edge.id,
        source: edge.source,
        sourceHandle: edge.sourceHandle,
        target: edge.target,
        targetHandle: edge.targetHandle,
      });
    }
  });
  return added;
}
