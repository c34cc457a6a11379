import {
  type Graph,
  type GraphNode,
  materialise,
  mergeWorkflowChanges,
  observeWorkflowChanges,
  type Problem,
  readGraph,
  updateGraph,
  type WorkflowChange,
} from '@tandem/workflow';
import type * as Y from 'yjs';

export type WorkflowSnapshot = {
  graph: Graph;
  problems: readonly Problem[];
  /** Problem messages keyed by the node they concern. */
  problemsByNode: ReadonlyMap<string, readonly string[]>;
};

/** The doc's problems. `materialise` already runs `validate` and is ok only when it finds none. */
function collectProblems(doc: Y.Doc): Problem[] {
  const result = materialise(doc);
  return result.ok ? [] : result.problems;
}

export function groupProblemsByNode(problems: readonly Problem[]): Map<string, string[]> {
  const byNode = new Map<string, string[]>();
  for (const problem of problems) {
    if (!problem.nodeId) continue;
    const messages = byNode.get(problem.nodeId) ?? [];
    messages.push(problem.message);
    byNode.set(problem.nodeId, messages);
  }
  return byNode;
}

/**
 * A React list key for a problem. Two problems of one code about the same node (or none) can differ only in
 * their field, e.g. two edges failing the same schema rule (`edges.0.sourceHandle`, `edges.1.sourceHandle`).
 */
export function problemKey(problem: Problem): string {
  return [problem.code, problem.nodeId, problem.edgeId, problem.field, problem.message].join('\u0000');
}

export type WorkflowStore = {
  subscribe(listener: () => void): () => void;
  getSnapshot(): WorkflowSnapshot;
};

const stores = new WeakMap<Y.Doc, WorkflowStore>();

/**
 * The doc's external store for `useSyncExternalStore`, one per doc. It observes the doc for the doc's whole
 * life (not only while React is subscribed), so a snapshot read between render and subscribe is never stale;
 * the snapshot is recomputed lazily, once per change, and the same object is returned until the next one.
 * The graph is updated incrementally (`updateGraph`): only the nodes a change touched are re-read, so a drag
 * costs the moved node, not the whole graph, and every other node keeps its object.
 */
export function workflowStore(doc: Y.Doc): WorkflowStore {
  let store = stores.get(doc);
  if (!store) {
    store = createWorkflowStore(doc);
    stores.set(doc, store);
  }
  return store;
}

/**
 * Validation costs tens of milliseconds on a 1,000-node graph, and a drag writes a position every 50 ms
 * (positions never change what validation says). When validating took longer than this, it runs once the
 * doc has been quiet for {@link DEFERRED_VALIDATION_MS} instead of on every change, and snapshots in between
 * carry the previous problems. Small graphs stay synchronous.
 */
const SLOW_VALIDATION_MS = 8;
const DEFERRED_VALIDATION_MS = 150;

/** Whether `change` did nothing but move existing nodes (no meta, edge, type, label or config change). */
function onlyMoves(before: Graph, after: Graph, change: WorkflowChange): boolean {
  if (change.meta || change.edges.size > 0 || before.nodes.length !== after.nodes.length) return false;
  const old = new Map<string, GraphNode>();
  for (const node of before.nodes) if (change.nodes.has(node.id)) old.set(node.id, node);
  let seen = 0;
  for (const node of after.nodes) {
    if (!change.nodes.has(node.id)) continue;
    const previous = old.get(node.id);
    if (!previous || !sameExceptPosition(previous, node)) return false;
    seen += 1;
  }
  return seen === change.nodes.size;
}

function sameExceptPosition(a: GraphNode, b: GraphNode): boolean {
  return (
    a.type === b.type &&
    a.typeVersion === b.typeVersion &&
    a.label === b.label &&
    (a.config === b.config || JSON.stringify(a.config) === JSON.stringify(b.config))
  );
}

function createWorkflowStore(doc: Y.Doc): WorkflowStore {
  let cached: WorkflowSnapshot | null = null;
  let graph: Graph = readGraph(doc);
  let pending: WorkflowChange | null = null;
  let problems: Problem[] | null = null;
  let problemsByNode: ReadonlyMap<string, readonly string[]> = new Map();
  let slow = false;
  /** A change since the last validation may have changed what validation says (fast graphs only). */
  let stale = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const listeners = new Set<() => void>();
  const notify = () => {
    cached = null;
    for (const listener of listeners) listener();
  };
  const validate = () => {
    const started = performance.now();
    problems = collectProblems(doc);
    problemsByNode = groupProblemsByNode(problems);
    slow = performance.now() - started > SLOW_VALIDATION_MS;
  };
  observeWorkflowChanges(doc, (change) => {
    pending = pending ? mergeWorkflowChanges(pending, change) : change;
    if (!slow) {
      stale = true;
    } else {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        validate();
        notify();
      }, DEFERRED_VALIDATION_MS);
    }
    notify();
  });
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot() {
      if (cached) return cached;
      if (pending) {
        const before = graph;
        graph = updateGraph(doc, graph, pending);
        // Positions never change what validation says: a change that only moved nodes keeps the problems.
        if (stale && onlyMoves(before, graph, pending)) stale = false;
      }
      pending = null;
      if (problems === null || stale) validate();
      stale = false;
      cached = { graph, problems: problems ?? [], problemsByNode };
      return cached;
    },
  };
}
