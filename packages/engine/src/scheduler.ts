import type { EdgeDefinition, NodeDefinition, WorkflowDefinition } from '@tandem/workflow';

type NodeState = 'pending' | 'running' | 'completed' | 'skipped' | 'failed';

/**
 * The DAG bookkeeping of one run, without I/O: which nodes are ready, which are skipped. An edge is *dead*
 * when its source was skipped or is a condition that took the other branch. A node is skipped when every
 * incoming edge is dead; it is ready when every incoming edge is settled and at least one is live, so a merge
 * fed by a taken and a skipped branch runs with what it has.
 */
export class Scheduler {
  private readonly nodes: Map<string, NodeDefinition>;
  private readonly incoming = new Map<string, EdgeDefinition[]>();
  private readonly outgoing = new Map<string, EdgeDefinition[]>();
  private readonly state = new Map<string, NodeState>();
  /** The branch each finished condition took (`'true' | 'false'`). */
  private readonly taken = new Map<string, string>();

  constructor(definition: WorkflowDefinition) {
    this.nodes = new Map(definition.nodes.map((node) => [node.id, node]));
    for (const node of definition.nodes) {
      this.incoming.set(node.id, []);
      this.outgoing.set(node.id, []);
      this.state.set(node.id, 'pending');
    }
    for (const edge of definition.edges) {
      if (!this.nodes.has(edge.source) || !this.nodes.has(edge.target)) continue;
      this.incoming.get(edge.target)?.push(edge);
      this.outgoing.get(edge.source)?.push(edge);
    }
  }

  node(id: string): NodeDefinition | undefined {
    return this.nodes.get(id);
  }

  /** Nodes whose every input is settled and at least one is live (or that have no inputs), in definition order. */
  ready(): NodeDefinition[] {
    const ready: NodeDefinition[] = [];
    for (const [id, node] of this.nodes) {
      if (this.state.get(id) !== 'pending') continue;
      const edges = this.incoming.get(id) ?? [];
      if (edges.length === 0 || (edges.every((e) => this.settled(e)) && edges.some((e) => this.live(e)))) {
        ready.push(node);
      }
    }
    return ready;
  }

  markRunning(id: string): void {
    this.state.set(id, 'running');
  }

  markFailed(id: string): void {
    this.state.set(id, 'failed');
  }

  /**
   * Records a finished node; for a condition, `branch` is the handle it took. Returns the ids of nodes that
   * became skipped as a consequence (transitively), in the order they were decided.
   */
  markCompleted(id: string, branch?: string): string[] {
    this.state.set(id, 'completed');
    if (branch !== undefined) this.taken.set(id, branch);
    return this.propagateSkips(id);
  }

  /** Sources of the live edges into `id` (the inputs a merge or output combines), in edge order, deduplicated. */
  liveSources(id: string): string[] {
    const sources = (this.incoming.get(id) ?? []).filter((e) => this.live(e)).map((e) => e.source);
    return [...new Set(sources)];
  }

  /** Every node upstream of `id` (transitively), for the `nodes` a code node may read. */
  ancestors(id: string): Set<string> {
    const seen = new Set<string>();
    const stack = (this.incoming.get(id) ?? []).map((e) => e.source);
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (seen.has(next)) continue;
      seen.add(next);
      for (const edge of this.incoming.get(next) ?? []) stack.push(edge.source);
    }
    return seen;
  }

  /** True when nothing is pending or running any more. */
  done(): boolean {
    for (const state of this.state.values()) if (state === 'pending' || state === 'running') return false;
    return true;
  }

  private settled(edge: EdgeDefinition): boolean {
    const state = this.state.get(edge.source);
    return state === 'completed' || state === 'skipped';
  }

  private live(edge: EdgeDefinition): boolean {
    if (this.state.get(edge.source) !== 'completed') return false;
    const branch = this.taken.get(edge.source);
    return branch === undefined || branch === edge.sourceHandle;
  }

  private propagateSkips(from: string): string[] {
    const skipped: string[] = [];
    const queue = (this.outgoing.get(from) ?? []).map((e) => e.target);
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (this.state.get(id) !== 'pending') continue;
      const edges = this.incoming.get(id) ?? [];
      if (!edges.every((e) => this.settled(e)) || edges.some((e) => this.live(e))) continue;
      this.state.set(id, 'skipped');
      skipped.push(id);
      for (const edge of this.outgoing.get(id) ?? []) queue.push(edge.target);
    }
    return skipped;
  }
}
