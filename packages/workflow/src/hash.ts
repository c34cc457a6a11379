import { canonicalJson } from './canonical-json';
import type { WorkflowDefinition } from './schemas';
import { sha256 } from './sha256';

/** Bumped if what the hash covers ever changes, so old and new hashes never collide by accident. */
const HASH_FORMAT = 'tandem.workflow.content/1';

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Hex SHA-256 of what executes: node id, type, typeVersion and config, and the connections
 * (source, sourceHandle, target, targetHandle). Positions, labels, name, description, schemaVersion and
 * edge ids are left out: moving a node or renaming the workflow must not create a "new" version, and two
 * edges joining the same handles execute identically whatever their ids. Stable under key order and
 * under the order of nodes and edges.
 */
export function contentHash(definition: WorkflowDefinition): string {
  const nodes = definition.nodes
    .map((node) => ({ id: node.id, type: node.type, typeVersion: node.typeVersion, config: node.config }))
    .sort((a, b) => compare(a.id, b.id));
  const edges = definition.edges
    .map((edge) => [edge.source, edge.sourceHandle, edge.target, edge.targetHandle])
    .sort((a, b) => compare(JSON.stringify(a), JSON.stringify(b)));
  return sha256(canonicalJson({ format: HASH_FORMAT, nodes, edges }));
}
