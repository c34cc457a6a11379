import {
  diff,
  fieldLabel,
  isNodeType,
  NODE_TYPE_SPECS,
  type NodeDefinition,
  type WorkflowDefinition,
} from '@tandem/workflow';
import type { NodeDecoration } from '../canvas/decorations';
import type { FlowEdge, GhostFlowNode } from '../canvas/flow-types';

/** Flow ids of what exists only in the compared version (removed since): never a doc id (`:` is not allowed there). */
export const ghostId = (id: string) => `ghost:${id}`;

export type DiffOverlay = {
  decorations: Map<string, NodeDecoration>;
  edgeClasses: Map<string, string>;
  ghostNodes: GhostFlowNode[];
  ghostEdges: FlowEdge[];
  counts: { added: number; removed: number; changed: number };
};

/** A changed field as people say it: `config.userPrompt` → "User prompt", `position` → "moved". */
export function describeField(field: string): string {
  if (field === 'position') return 'moved';
  if (field.startsWith('config.')) return fieldLabel(field.slice('config.'.length));
  return field;
}

function ghostNode(node: NodeDefinition): GhostFlowNode {
  return {
    id: ghostId(node.id),
    type: 'ghost',
    position: { x: node.position.x, y: node.position.y },
    data: {
      label: node.label || (isNodeType(node.type) ? NODE_TYPE_SPECS[node.type].label : node.type),
      typeName: node.type,
    },
    selectable: false,
    draggable: false,
    connectable: false,
    deletable: false,
    zIndex: -1,
  };
}

/**
 * What the canvas shows while comparing a version with the live draft (`diff(version, draft)`): nodes and
 * edges the draft added are green, those it removed come back as red ghosts, changed ones are amber with
 * their changed fields listed.
 */
export function diffOverlay(version: WorkflowDefinition, draft: WorkflowDefinition): DiffOverlay {
  const changes = diff(version, draft);
  const decorations = new Map<string, NodeDecoration>();
  const draftTypes = new Map(draft.nodes.map((node) => [node.id, node.type]));
  for (const node of changes.nodes.added) decorations.set(node.id, { diff: { kind: 'added', fields: [] } });
  for (const item of changes.nodes.changed) {
    decorations.set(item.id, { diff: { kind: 'changed', fields: item.fields.map(describeField) } });
  }
  const ghostNodes = changes.nodes.removed.map(ghostNode);
  for (const ghost of ghostNodes) decorations.set(ghost.id, { diff: { kind: 'removed', fields: [] } });

  const removedNodeIds = new Set(changes.nodes.removed.map((node) => node.id));
  const endpoint = (id: string) => (removedNodeIds.has(id) ? ghostId(id) : id);
  const edgeClasses = new Map<string, string>();
  for (const edge of changes.edges.added) edgeClasses.set(edge.id, 'edge--diff-added');
  for (const edge of changes.edges.changed) edgeClasses.set(edge.id, 'edge--diff-changed');
  const ghostEdges: FlowEdge[] = changes.edges.removed
    .filter((edge) => draftTypes.has(edge.source) || removedNodeIds.has(edge.source))
    .filter((edge) => draftTypes.has(edge.target) || removedNodeIds.has(edge.target))
    .map((edge) => ({
      id: ghostId(edge.id),
      source: endpoint(edge.source),
      target: endpoint(edge.target),
      sourceHandle: edge.sourceHandle,
      targetHandle: edge.targetHandle,
      className: 'edge--diff-removed',
      selectable: false,
      deletable: false,
      focusable: false,
      data: { sourceHandle: edge.sourceHandle, targetHandle: edge.targetHandle },
    }));
  return {
    decorations,
    edgeClasses,
    ghostNodes,
    ghostEdges,
    counts: {
      added: changes.nodes.added.length + changes.edges.added.length,
      removed: changes.nodes.removed.length + changes.edges.removed.length,
      changed: changes.nodes.changed.length + changes.edges.changed.length,
    },
  };
}
