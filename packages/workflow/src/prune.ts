import * as Y from 'yjs';
import { docRoots, readStoredEdge } from './doc-layout';

/**
 * Deletes edges whose source or target node no longer exists (or that are not edge-shaped), in one
 * transaction, and returns their ids. Dangling edges are the expected result of one person deleting a
 * node while another connects to it; readers already ignore them, this only tidies the document. Safe
 * to run on several replicas at once: concurrent deletes of the same key converge.
 */
export function pruneDanglingEdges(doc: Y.Doc): string[] {
  const { nodes, edges } = docRoots(doc);
  const removed: string[] = [];
  for (const [id, value] of edges.entries()) {
    const edge = readStoredEdge(value);
    if (!edge || !(nodes.get(edge.source) instanceof Y.Map) || !(nodes.get(edge.target) instanceof Y.Map)) {
      removed.push(id);
    }
  }
  if (removed.length > 0) {
    doc.transact(() => {
      for (const id of removed) edges.delete(id);
    });
  }
  return removed;
}
