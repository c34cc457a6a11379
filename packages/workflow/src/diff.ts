import { canonicalJson } from './canonical-json';
import type { EdgeDefinition, NodeDefinition, WorkflowDefinition } from './schemas';

export type ChangedItem = { id: string; fields: string[] };

export type WorkflowDiff = {
  nodes: { added: NodeDefinition[]; removed: NodeDefinition[]; changed: ChangedItem[] };
  edges: { added: EdgeDefinition[]; removed: EdgeDefinition[]; changed: ChangedItem[] };
  /** Changed meta fields: 'name', 'description', 'schemaVersion'. */
  meta: string[];
};

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

function nodeFields(a: NodeDefinition, b: NodeDefinition): string[] {
  const fields: string[] = [];
  if (a.type !== b.type) fields.push('type');
  if (a.typeVersion !== b.typeVersion) fields.push('typeVersion');
  if (!same(a.position, b.position)) fields.push('position');
  if ((a.label ?? '') !== (b.label ?? '')) fields.push('label');
  const configA = a.config as Record<string, unknown>;
  const configB = b.config as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(configA), ...Object.keys(configB)])].sort();
  for (const key of keys) if (!same(configA[key], configB[key])) fields.push(`config.${key}`);
  return fields;
}

function edgeFields(a: EdgeDefinition, b: EdgeDefinition): string[] {
  return (['source', 'sourceHandle', 'target', 'targetHandle'] as const).filter(
    (field) => a[field] !== b[field],
  );
}

function diffById<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  fields: (a: T, b: T) => string[],
): { added: T[]; removed: T[]; changed: ChangedItem[] } {
  const beforeById = new Map(before.map((item) => [item.id, item]));
  const afterById = new Map(after.map((item) => [item.id, item]));
  const changed: ChangedItem[] = [];
  for (const item of after) {
    const previous = beforeById.get(item.id);
    if (!previous) continue;
    const changedFields = fields(previous, item);
    if (changedFields.length > 0) changed.push({ id: item.id, fields: changedFields });
  }
  return {
    added: after.filter((item) => !beforeById.has(item.id)),
    removed: before.filter((item) => !afterById.has(item.id)),
    changed,
  };
}

/**
 * What changed from definition `a` to definition `b`, matching nodes and edges by id. Changed fields are
 * named like 'type', 'position', 'label', 'config.userPrompt' for nodes and 'source', 'targetHandle' for
 * edges.
 */
export function diff(a: WorkflowDefinition, b: WorkflowDefinition): WorkflowDiff {
  const meta = (['name', 'description', 'schemaVersion'] as const).filter((field) => a[field] !== b[field]);
  return {
    nodes: diffById(a.nodes, b.nodes, nodeFields),
    edges: withoutRedrawnEdges(diffById(a.edges, b.edges, edgeFields)),
    meta,
  };
}

const connectionOf = (edge: EdgeDefinition) =>
  JSON.stringify([edge.source, edge.sourceHandle, edge.target, edge.targetHandle]);

/**
 * An edge deleted and drawn again between the same handles gets a new id but is the same connection (the
 * content hash agrees), so a removed and an added edge joining the same handles cancel out.
 */
function withoutRedrawnEdges(edges: WorkflowDiff['edges']): WorkflowDiff['edges'] {
  const removedIds = new Map<string, string[]>();
  for (const edge of edges.removed) {
    removedIds.set(connectionOf(edge), [...(removedIds.get(connectionOf(edge)) ?? []), edge.id]);
  }
  const cancelled = new Set<string>();
  const added = edges.added.filter((edge) => {
    const removedId = removedIds.get(connectionOf(edge))?.shift();
    if (removedId === undefined) return true;
    cancelled.add(removedId);
    return false;
  });
  const removed = edges.removed.filter((edge) => !cancelled.has(edge.id));
  return { added, removed, changed: edges.changed };
}
