import type * as Y from 'yjs';
import type { z } from 'zod';
import { CURRENT_SCHEMA_VERSION } from './doc-layout';
import { isNodeType, NODE_TYPE_SPECS } from './node-types';
import type { Problem } from './problems';
import { readGraph } from './read-graph';
import {
  CONFIG_SCHEMAS,
  type EdgeDefinition,
  type NodeDefinition,
  type WorkflowDefinition,
  workflowDefinitionSchema,
} from './schemas';
import { validate } from './validate';

export type MaterialiseResult =
  | { ok: true; definition: WorkflowDefinition }
  | {
      ok: false;
      problems: Problem[];
      /**
       * The best-effort definition (unknown-type nodes left out, invalid fields at their defaults) for
       * showing and diffing a draft that cannot run yet; null when the doc is too new to read.
       */
      definition: WorkflowDefinition | null;
    };

function readConfig(
  nodeId: string,
  type: NodeDefinition['type'],
  raw: Record<string, unknown>,
  problems: Problem[],
): Record<string, unknown> {
  const shape: Record<string, z.ZodType> = CONFIG_SCHEMAS[type].shape;
  const config: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(shape)) {
    const parsed = schema.safeParse(raw[field]);
    if (parsed.success) {
      config[field] = parsed.data;
    } else {
      problems.push({
        code: 'invalid-config',
        nodeId,
        field,
        message: `Invalid ${field}: ${parsed.error.issues[0]?.message ?? 'invalid value'}.`,
      });
      config[field] = schema.safeParse(undefined).data;
    }
  }
  return config;
}

/**
 * Reads a workflow document into a plain, validated definition. Never throws. Edges whose endpoints are
 * missing are dropped silently (the expected result of a concurrent delete + connect), and so are duplicate
 * edges joining the same handles (a concurrent connect + connect); unknown node types,
 * invalid config values and everything {@link validate} finds are reported as problems. `ok` is true only
 * when there are no problems at all, so an `ok` definition is safe to save as a version and run.
 */
export function materialise(doc: Y.Doc): MaterialiseResult {
  const graph = readGraph(doc);
  if (graph.meta.schemaVersion > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      definition: null,
      problems: [
        {
          code: 'schema-version-unsupported',
          message: `This workflow uses schema version ${graph.meta.schemaVersion}; this Tandem supports up to ${CURRENT_SCHEMA_VERSION}.`,
        },
      ],
    };
  }
  const problems: Problem[] = [];
  const nodes: NodeDefinition[] = [];
  for (const node of graph.nodes) {
    if (!isNodeType(node.type)) {
      problems.push({
        code: 'unknown-node-type',
        nodeId: node.id,
        message: node.type === '' ? `Node "${node.id}" has no type.` : `Unknown node type "${node.type}".`,
      });
      continue;
    }
    let typeVersion = node.typeVersion;
    if (!Number.isInteger(typeVersion) || typeVersion < 1) {
      problems.push({
        code: 'invalid-config',
        nodeId: node.id,
        field: 'typeVersion',
        message: 'The node has no valid type version.',
      });
      typeVersion = NODE_TYPE_SPECS[node.type].typeVersion;
    }
    const config = readConfig(node.id, node.type, node.config, problems);
    const definition = {
      id: node.id,
      type: node.type,
      typeVersion,
      position: node.position,
      ...(node.label === '' ? {} : { label: node.label }),
      config,
    } as NodeDefinition;
    nodes.push(definition);
  }
  const kept = new Set(nodes.map((node) => node.id));
  // Two people drawing the same connection at once leave two edges joining the same handles. They mean one
  // connection, so only the first by id is kept (graph.edges is sorted by id, so every replica keeps the same).
  const connections = new Set<string>();
  const edges: EdgeDefinition[] = graph.edges.filter((edge) => {
    if (!kept.has(edge.source) || !kept.has(edge.target)) return false;
    const connection = JSON.stringify([edge.source, edge.sourceHandle, edge.target, edge.targetHandle]);
    if (connections.has(connection)) return false;
    connections.add(connection);
    return true;
  });
  const candidate = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    name: graph.meta.name,
    description: graph.meta.description,
    nodes,
    edges,
  };
  const parsed = workflowDefinitionSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({
        code: 'invalid-config',
        field: issue.path.map(String).join('.'),
        message: issue.message,
      });
    }
  }
  const definition: WorkflowDefinition = parsed.success ? parsed.data : candidate;
  problems.push(...validate(definition));
  return problems.length === 0 ? { ok: true, definition } : { ok: false, problems, definition };
}
