import * as Y from 'yjs';
import { buildNodeMap } from './accessors';
import { CURRENT_SCHEMA_VERSION, docRoots, META, NODE, readStoredEdge } from './doc-layout';
import { SchemaVersionError, UserError } from './errors';
import { isPromptField } from './node-types';
import { type WorkflowDefinition, workflowDefinitionSchema } from './schemas';

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Writes a definition into a document as ONE transaction (import, restore of a version), so it is one
 * update and one undo step. Nodes whose id and type are unchanged are updated in place, field by field,
 * so unchanged fields and concurrent edits to them survive; everything else is replaced. A prompt field the
 * definition changes gets a new Y.Text: the restore wins over concurrent typing in that field, and two
 * concurrent restores converge to one copy of the text.
 * @throws UserError when the definition is invalid; SchemaVersionError when it is newer than this code.
 */
export function replaceGraph(doc: Y.Doc, definition: WorkflowDefinition): void {
  if (definition.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new SchemaVersionError(definition.schemaVersion, CURRENT_SCHEMA_VERSION);
  }
  const parsed = workflowDefinitionSchema.safeParse(definition);
  if (!parsed.success) {
    throw new UserError(
      'BAD_REQUEST',
      'The workflow definition is invalid.',
      parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    );
  }
  const next = parsed.data;
  const { meta, nodes, edges } = docRoots(doc);
  doc.transact(() => {
    meta.set(META.name, next.name);
    meta.set(META.description, next.description);
    meta.set(META.schemaVersion, CURRENT_SCHEMA_VERSION);

    const wantedNodes = new Set(next.nodes.map((node) => node.id));
    for (const id of [...nodes.keys()]) if (!wantedNodes.has(id)) nodes.delete(id);
    for (const node of next.nodes) {
      const config = node.config as Record<string, unknown>;
      const existing = nodes.get(node.id);
      const existingConfig = existing instanceof Y.Map ? existing.get(NODE.config) : undefined;
      if (
        !(existing instanceof Y.Map) ||
        existing.get(NODE.type) !== node.type ||
        !(existingConfig instanceof Y.Map)
      ) {
        nodes.set(node.id, buildNodeMap({ ...node, config }));
        continue;
      }
      if (existing.get(NODE.typeVersion) !== node.typeVersion)
        existing.set(NODE.typeVersion, node.typeVersion);
      if (!sameJson(existing.get(NODE.position), node.position)) {
        existing.set(NODE.position, { x: node.position.x, y: node.position.y });
      }
      if (node.label === undefined) {
        if (existing.has(NODE.label)) existing.delete(NODE.label);
      } else if (existing.get(NODE.label) !== node.label) {
        existing.set(NODE.label, node.label);
      }
      const configMap = existingConfig as Y.Map<unknown>;
      for (const field of [...configMap.keys()]) if (!Object.hasOwn(config, field)) configMap.delete(field);
      for (const [field, value] of Object.entries(config)) {
        const current = configMap.get(field);
        if (isPromptField(node.type, field)) {
          // A changed prompt gets a fresh Y.Text (last writer wins) rather than a span edit: two replicas
          // restoring the same version at once would each insert the restored text, doubling it.
          if (!(current instanceof Y.Text) || current.toString() !== String(value))
            configMap.set(field, new Y.Text(String(value)));
        } else if (!sameJson(current, value)) {
          configMap.set(field, value);
        }
      }
    }

    const wantedEdges = new Map(next.edges.map((edge) => [edge.id, edge]));
    for (const [id, value] of [...edges.entries()]) {
      const wanted = wantedEdges.get(id);
      const stored = readStoredEdge(value);
      if (
        !wanted ||
        !stored ||
        stored.source !== wanted.source ||
        stored.target !== wanted.target ||
        stored.sourceHandle !== wanted.sourceHandle ||
        stored.targetHandle !== wanted.targetHandle
      ) {
        edges.delete(id);
      }
    }
    for (const edge of next.edges) {
      if (!edges.has(edge.id)) {
        edges.set(edge.id, {
          source: edge.source,
          sourceHandle: edge.sourceHandle,
          target: edge.target,
          targetHandle: edge.targetHandle,
        });
      }
    }
  });
}
