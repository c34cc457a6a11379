import { type Graph, materialise, observeWorkflow, type Problem, readGraph } from '@tandem/workflow';
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

function readSnapshot(doc: Y.Doc): WorkflowSnapshot {
  const problems = collectProblems(doc);
  return { graph: readGraph(doc), problems, problemsByNode: groupProblemsByNode(problems) };
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
 */
export function workflowStore(doc: Y.Doc): WorkflowStore {
  let store = stores.get(doc);
  if (!store) {
    store = createWorkflowStore(doc);
    stores.set(doc, store);
  }
  return store;
}

function createWorkflowStore(doc: Y.Doc): WorkflowStore {
  let cached: WorkflowSnapshot | null = null;
  const listeners = new Set<() => void>();
  observeWorkflow(doc, () => {
    cached = null;
    for (const listener of listeners) listener();
  });
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot() {
      cached ??= readSnapshot(doc);
      return cached;
    },
  };
}
