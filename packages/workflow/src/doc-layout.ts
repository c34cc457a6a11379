import * as Y from 'yjs';

/**
 * The only place that knows the workflow document's keys (layout in shared/DESIGN.md). Everything else,
 * inside and outside this package, goes through the accessors.
 */
export const ROOT = { meta: 'meta', nodes: 'nodes', edges: 'edges' } as const;
export const META = { name: 'name', description: 'description', schemaVersion: 'schemaVersion' } as const;
export const NODE = {
  type: 'type',
  typeVersion: 'typeVersion',
  position: 'position',
  label: 'label',
  config: 'config',
} as const;

/**
 * Version of the document layout. History:
 * 1 — prompt fields stored as plain strings in the config map.
 * 2 — prompt fields stored as Y.Text (so several people can type in one prompt).
 */
export const CURRENT_SCHEMA_VERSION = 2;

export type DocRoots = {
  meta: Y.Map<unknown>;
  nodes: Y.Map<unknown>;
  edges: Y.Map<unknown>;
};

/** The three root maps; throws only if a root was already defined with another Yjs type. */
export function docRoots(doc: Y.Doc): DocRoots {
  return {
    meta: doc.getMap<unknown>(ROOT.meta),
    nodes: doc.getMap<unknown>(ROOT.nodes),
    edges: doc.getMap<unknown>(ROOT.edges),
  };
}

/** Like {@link docRoots} but never throws: a root of the wrong type reads as absent. */
export function safeDocRoots(doc: Y.Doc): DocRoots | null {
  try {
    return docRoots(doc);
  } catch {
    return null;
  }
}

/** The node's Y.Map, or null when the id is absent or holds something that is not a Y.Map. */
export function nodeMap(doc: Y.Doc, nodeId: string): Y.Map<unknown> | null {
  const value = docRoots(doc).nodes.get(nodeId);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

/** A stored edge value, read tolerantly; null when it is not an edge-shaped object. */
export type StoredEdge = { source: string; sourceHandle: string; target: string; targetHandle: string };

export function readStoredEdge(value: unknown): StoredEdge | null {
  const raw = value instanceof Y.Map ? (value.toJSON() as unknown) : value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const record = raw as Record<string, unknown>;
  const { source, target, sourceHandle, targetHandle } = record;
  if (typeof source !== 'string' || typeof target !== 'string') return null;
  return {
    source,
    target,
    sourceHandle: typeof sourceHandle === 'string' ? sourceHandle : '',
    targetHandle: typeof targetHandle === 'string' ? targetHandle : '',
  };
}

/** Converts a stored config value to plain data (Y.Text → string, other Yjs types → JSON). */
export function plainValue(value: unknown): unknown {
  if (value instanceof Y.Text) return value.toString();
  if (value instanceof Y.AbstractType) return value.toJSON() as unknown;
  return value;
}

/** Generates a short random id that fits the id pattern (about 62 bits of entropy). */
export function newId(prefix: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = `${prefix}_`;
  for (let i = 0; i < 12; i++) id += alphabet[Math.floor(Math.random() * alphabet.length)];
  return id;
}

/**
 * The shared types a per-user `Y.UndoManager` should track: the nodes and edges roots (every node's position,
 * label, config and prompt text sits below them). Meta is left out on purpose: its `schemaVersion` is written
 * by migrations, which an undo must never revert, and the name and description are not canvas edits.
 * Empty (nothing to undo) for a doc whose roots have the wrong Yjs types.
 */
export function undoScope(doc: Y.Doc): Y.Map<unknown>[] {
  const roots = safeDocRoots(doc);
  return roots ? [roots.nodes, roots.edges] : [];
}
