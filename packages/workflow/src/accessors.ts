import * as Y from 'yjs';
import type { z } from 'zod';
import { CURRENT_SCHEMA_VERSION, docRoots, META, NODE, newId, nodeMap, readStoredEdge } from './doc-layout';
import { UserError } from './errors';
import { isNodeType, isPromptField, NODE_TYPE_SPECS, type NodeType } from './node-types';
import { CONFIG_SCHEMAS, type ConfigOf, ID_PATTERN, type Position, positionSchema } from './schemas';
import { replaceText } from './text-edit';

export type WorkflowMetaInit = { name?: string; description?: string };

/** A new, initialised workflow document. */
export function createWorkflowDoc(init?: WorkflowMetaInit): Y.Doc {
  const doc = new Y.Doc();
  initWorkflowDoc(doc, init);
  return doc;
}

/**
 * Sets meta (name, description, schemaVersion) where absent. Idempotent: an initialised doc is untouched,
 * so every client may call it on load.
 */
export function initWorkflowDoc(doc: Y.Doc, init?: WorkflowMetaInit): void {
  const { meta } = docRoots(doc);
  doc.transact(() => {
    if (typeof meta.get(META.name) !== 'string') meta.set(META.name, init?.name ?? 'Untitled workflow');
    if (typeof meta.get(META.description) !== 'string') meta.set(META.description, init?.description ?? '');
    if (typeof meta.get(META.schemaVersion) !== 'number')
      meta.set(META.schemaVersion, CURRENT_SCHEMA_VERSION);
  });
}

/** Sets the workflow's name and/or description. */
export function setMeta(doc: Y.Doc, meta: WorkflowMetaInit): void {
  const root = docRoots(doc).meta;
  doc.transact(() => {
    if (meta.name !== undefined) root.set(META.name, meta.name);
    if (meta.description !== undefined) root.set(META.description, meta.description);
  });
}

export type AddNodeInput<T extends NodeType = NodeType> = {
  id?: string;
  type: T;
  position: Position;
  config?: Partial<ConfigOf<T>>;
  label?: string;
};

function issuesOf(error: z.ZodError, prefix: string): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

/** Parses a full config for `type`, or throws a UserError naming the bad field. */
export function parseConfig(type: NodeType, config: unknown): Record<string, unknown> {
  const parsed = CONFIG_SCHEMAS[type].safeParse(config ?? {});
  if (!parsed.success) {
    throw new UserError('BAD_REQUEST', `Invalid ${type} node config.`, issuesOf(parsed.error, 'config'));
  }
  return parsed.data as Record<string, unknown>;
}

/** Builds the Y.Map of a node (not yet integrated). `config` must already be parsed. */
export function buildNodeMap(node: {
  type: NodeType;
  typeVersion: number;
  position: Position;
  label?: string | undefined;
  config: Record<string, unknown>;
}): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  map.set(NODE.type, node.type);
  map.set(NODE.typeVersion, node.typeVersion);
  map.set(NODE.position, { x: node.position.x, y: node.position.y });
  if (node.label !== undefined) map.set(NODE.label, node.label);
  const config = new Y.Map<unknown>();
  for (const [field, value] of Object.entries(node.config)) {
    config.set(field, isPromptField(node.type, field) ? new Y.Text(String(value)) : value);
  }
  map.set(NODE.config, config);
  return map;
}

/**
 * Adds a node and returns its id. Config fields not given take their defaults.
 * @throws UserError when the id is malformed or taken, or the position/config is invalid.
 */
export function addNode<T extends NodeType>(doc: Y.Doc, input: AddNodeInput<T>): string {
  if (!isNodeType(input.type))
    throw new UserError('BAD_REQUEST', `Unknown node type "${String(input.type)}".`);
  const id = input.id ?? newId(input.type);
  if (!ID_PATTERN.test(id)) {
    throw new UserError('BAD_REQUEST', 'Invalid node id.', [
      { path: 'id', message: 'Use 1-64 letters, digits, "_" or "-".' },
    ]);
  }
  const position = positionSchema.safeParse(input.position);
  if (!position.success) {
    throw new UserError('BAD_REQUEST', 'Invalid node position.', issuesOf(position.error, 'position'));
  }
  const config = parseConfig(input.type, input.config ?? {});
  const { nodes } = docRoots(doc);
  if (nodes.has(id)) throw new UserError('CONFLICT', `A node with id "${id}" already exists.`);
  nodes.set(
    id,
    buildNodeMap({
      type: input.type,
      typeVersion: NODE_TYPE_SPECS[input.type].typeVersion,
      position: position.data,
      label: input.label,
      config,
    }),
  );
  return id;
}

/** Moves a node (the position is replaced whole). Returns false when the node does not exist. */
export function moveNode(doc: Y.Doc, nodeId: string, position: Position): boolean {
  const parsed = positionSchema.safeParse(position);
  if (!parsed.success)
    throw new UserError('BAD_REQUEST', 'Invalid node position.', issuesOf(parsed.error, 'position'));
  const node = nodeMap(doc, nodeId);
  if (!node) return false;
  node.set(NODE.position, { x: parsed.data.x, y: parsed.data.y });
  return true;
}

/** Removes a node and every edge touching it, in one transaction. Returns false when it did not exist. */
export function removeNode(doc: Y.Doc, nodeId: string): boolean {
  const { nodes, edges } = docRoots(doc);
  if (!nodes.has(nodeId)) return false;
  doc.transact(() => {
    nodes.delete(nodeId);
    for (const [edgeId, value] of edges.entries()) {
      const edge = readStoredEdge(value);
      if (!edge || edge.source === nodeId || edge.target === nodeId) edges.delete(edgeId);
    }
  });
  return true;
}

export type ConnectInput = {
  id?: string;
  source: string;
  sourceHandle?: string;
  target: string;
  targetHandle?: string;
};

function nodeTypeOf(doc: Y.Doc, nodeId: string): NodeType | null {
  const type = nodeMap(doc, nodeId)?.get(NODE.type);
  return isNodeType(type) ? type : null;
}

/**
 * Connects two nodes and returns the edge id; handles default to the node types' first handles.
 * Returns null when the edge cannot exist: an endpoint is missing or of unknown type, a handle does not
 * exist on its node type, source and target are the same node, or an identical edge already exists.
 */
export function connect(doc: Y.Doc, input: ConnectInput): string | null {
  const sourceType = nodeTypeOf(doc, input.source);
  const targetType = nodeTypeOf(doc, input.target);
  if (!sourceType || !targetType || input.source === input.target) return null;
  const sourceHandle = input.sourceHandle ?? NODE_TYPE_SPECS[sourceType].outputs[0];
  const targetHandle = input.targetHandle ?? NODE_TYPE_SPECS[targetType].inputs[0];
  if (sourceHandle === undefined || !NODE_TYPE_SPECS[sourceType].outputs.includes(sourceHandle)) return null;
  if (targetHandle === undefined || !NODE_TYPE_SPECS[targetType].inputs.includes(targetHandle)) return null;
  const { edges } = docRoots(doc);
  for (const value of edges.values()) {
    const edge = readStoredEdge(value);
    if (
      edge &&
      edge.source === input.source &&
      edge.target === input.target &&
      edge.sourceHandle === sourceHandle &&
      edge.targetHandle === targetHandle
    ) {
      return null;
    }
  }
  const id = input.id ?? newId('e');
  if (!ID_PATTERN.test(id) || edges.has(id)) return null;
  edges.set(id, { source: input.source, sourceHandle, target: input.target, targetHandle });
  return id;
}

/** Removes an edge. Returns false when it did not exist. */
export function disconnect(doc: Y.Doc, edgeId: string): boolean {
  const { edges } = docRoots(doc);
  if (!edges.has(edgeId)) return false;
  edges.delete(edgeId);
  return true;
}

/**
 * Sets one config field of a node (one key per field, so concurrent edits of different fields both win).
 * A prompt field's Y.Text is edited in place (only the changed span), so concurrent typing is kept.
 * Returns false when the node does not exist or has an unknown type.
 * @throws UserError when the field does not exist on the node type or the value is invalid for it.
 */
export function setConfig(doc: Y.Doc, nodeId: string, field: string, value: unknown): boolean {
  const node = nodeMap(doc, nodeId);
  const type = node?.get(NODE.type);
  if (!node || !isNodeType(type)) return false;
  const shape: Record<string, z.ZodType> = CONFIG_SCHEMAS[type].shape;
  const fieldSchema = shape[field];
  if (!fieldSchema || !Object.hasOwn(shape, field)) {
    throw new UserError('BAD_REQUEST', `A ${type} node has no config field "${field}".`, [
      { path: `config.${field}`, message: 'Unknown field.' },
    ]);
  }
  const parsed = fieldSchema.safeParse(value);
  if (!parsed.success) {
    throw new UserError(
      'BAD_REQUEST',
      `Invalid value for ${type} config field "${field}".`,
      issuesOf(parsed.error, `config.${field}`),
    );
  }
  doc.transact(() => {
    let config = node.get(NODE.config);
    if (!(config instanceof Y.Map)) {
      config = new Y.Map<unknown>();
      node.set(NODE.config, config);
    }
    const configMap = config as Y.Map<unknown>;
    if (isPromptField(type, field)) {
      const existing = configMap.get(field);
      if (existing instanceof Y.Text) replaceText(existing, String(parsed.data));
      else configMap.set(field, new Y.Text(String(parsed.data)));
    } else {
      configMap.set(field, parsed.data);
    }
  });
  return true;
}

/** Sets a node's display label; an empty string clears it. Returns false when the node does not exist. */
export function setLabel(doc: Y.Doc, nodeId: string, label: string): boolean {
  const node = nodeMap(doc, nodeId);
  if (!node) return false;
  if (label === '') node.delete(NODE.label);
  else node.set(NODE.label, label);
  return true;
}

/**
 * The shared Y.Text of a prompt field (bind an editor to it), or null when the node, the field or the
 * text does not exist.
 */
export function promptText(doc: Y.Doc, nodeId: string, field: string): Y.Text | null {
  const node = nodeMap(doc, nodeId);
  const type = node?.get(NODE.type);
  if (!node || typeof type !== 'string' || !isPromptField(type, field)) return null;
  const config = node.get(NODE.config);
  if (!(config instanceof Y.Map)) return null;
  const text: unknown = config.get(field);
  return text instanceof Y.Text ? text : null;
}
