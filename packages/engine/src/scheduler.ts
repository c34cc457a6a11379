import type { EdgeDefinition, NodeDefinition, WorkflowDefinition } from '@tandem/workflow';

type NodeState = 'pending' | 'running' | 'completed' | 'skipped' | 'failed';

/**
 * The DAG bookkeeping of one run, without I/O: which nodes are ready, which are skipped. An edge is *dead*
 * when its source was skipped or is a condition that took the other branch. A node is skipped when every
 * incoming edge is dead; it is ready when every incoming edge is settled and at least one is live, so a merge
 * fed by a taken and a skipped branch runs with what it has.
 *
 * Incremental: each node keeps a count of its unsettled and of its live incoming edges, updated along the
 * outgoing edges of a node when it settles (completes or is skipped), and the ready nodes are kept in a set,
 * so each step costs the degree of the settled node rather than a scan of the graph.
 */
export class Scheduler {
  private readonly nodes: Map<string, NodeDefinition>;
  /** Definition order, so `ready()` lists nodes as the definition does. */
  private readonly order = new Map<string, number>();
  private readonly incoming = new Map<string, EdgeDefinition[]>();
  private readonly outgoing = new Map<string, EdgeDefinition[]>();
  private readonly state = new Map<string, NodeState>();
  /** The branch each finished condition took (`'true' | 'false'`). */
  private readonly taken = new Map<string, string>();
  /** Per node: incoming edges whose source has not settled yet. */
  private readonly unsettled = new Map<string, number>();
  /** Per node: incoming edges that are live (source completed, and on the branch it took). */
  private readonly liveCount = new Map<string, number>();
  /** Pending nodes whose inputs are all settled with at least one live (or that have none). */
  private readonly readySet = new Set<string>();
  private readyCache: NodeDefinition[] | null = null;
  /** Nodes still pending or running. */
  private active = 0;

  constructor(definition: WorkflowDefinition) {
    this.nodes = new Map(definition.nodes.map((node) => [node.id, node]));
    for (const node of definition.nodes) {
      if (this.order.has(node.id)) continue;
      this.order.set(node.id, this.order.size);
      this.incoming.set(node.id, []);
      this.outgoing.set(node.id, []);
      this.state.set(node.id, 'pending');
      this.unsettled.set(node.id, 0);
      this.liveCount.set(node.id, 0);
      this.active += 1;
    }
    for (const edge of definition.edges) {
      if (!this.nodes.has(edge.source) || !this.nodes.has(edge.target)) continue;
      this.incoming.get(edge.target)?.push(edge);
      this.outgoing.get(edge.source)?.push(edge);
      this.unsettled.set(edge.target, (this.unsettled.get(edge.target) ?? 0) + 1);
    }
    for (const id of this.order.keys()) if (this.unsettled.get(id) === 0) this.readySet.add(id);
  }

  node(id: string): NodeDefinition | undefined {
    return this.nodes.get(id);
  }

  /** Nodes whose every input is settled and at least one is live (or that have no inputs), in definition order. */
  ready(): NodeDefinition[] {
    if (this.readyCache === null) {
      const ids = [...this.readySet].sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
      this.readyCache = ids.flatMap((id) => {
        const node = this.nodes.get(id);
        return node ? [node] : [];
      });
    }
    return [...this.readyCache];
  }

  markRunning(id: string): void {
    this.setState(id, 'running');
  }

  markFailed(id: string): void {
    this.setState(id, 'failed');
  }

  /**
   * Records a finished node; for a condition, `branch` is the handle it took. Returns the ids of nodes that
   * became skipped as a consequence (transitively), in the order they were decided.
   */
  markCompleted(id: string, branch?: string): string[] {
    const wasSettled = this.isSettled(id);
    this.setState(id, 'completed');
    if (branch !== undefined) this.taken.set(id, branch);
    if (wasSettled || !this.nodes.has(id)) return [];
    this.settle(id);
    return this.propagateSkips(id);
  }

  /** Sources of the live edges into `id` (the inputs a merge or output combines), in edge order, deduplicated. */
  liveSources(id: string): string[] {
    const sources = (this.incoming.get(id) ?? []).filter((e) => this.live(e)).map((e) => e.source);
    return [...new Set(sources)];
  }

  /**
   * Every node upstream of `id` (transitively), for the `nodes` a code node may read. Computed on first use:
   * only code nodes read it, and walking it eagerly for every node would cost a scan per step on a long chain.
   */
  ancestors(id: string): ReadonlySet<string> {
    return new LazySet(() => this.walkAncestors(id));
  }

  /** True when nothing is pending or running any more. */
  done(): boolean {
    return this.active === 0;
  }

  private walkAncestors(id: string): Set<string> {
    const seen = new Set<string>();
    const stack = (this.incoming.get(id) ?? []).map((e) => e.source);
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (seen.has(next)) continue;
      seen.add(next);
      for (const edge of this.incoming.get(next) ?? []) stack.push(edge.source);
    }
    return seen;
  }

  private isSettled(id: string): boolean {
    const state = this.state.get(id);
    return state === 'completed' || state === 'skipped';
  }

  private setState(id: string, next: NodeState): void {
    const previous = this.state.get(id);
    if (previous === undefined) return;
    const wasActive = previous === 'pending' || previous === 'running';
    const isActive = next === 'pending' || next === 'running';
    if (wasActive && !isActive) this.active -= 1;
    else if (!wasActive && isActive) this.active += 1;
    this.state.set(id, next);
    if (next !== 'pending' && this.readySet.delete(id)) this.readyCache = null;
  }

  private live(edge: EdgeDefinition): boolean {
    if (this.state.get(edge.source) !== 'completed') return false;
    const branch = this.taken.get(edge.source);
    return branch === undefined || branch === edge.sourceHandle;
  }

  /** `id` just completed or was skipped: its outgoing edges are settled now, and live if it took them. */
  private settle(id: string): void {
    for (const edge of this.outgoing.get(id) ?? []) {
      const target = edge.target;
      const unsettled = (this.unsettled.get(target) ?? 0) - 1;
      this.unsettled.set(target, unsettled);
      if (this.live(edge)) this.liveCount.set(target, (this.liveCount.get(target) ?? 0) + 1);
      if (unsettled === 0 && (this.liveCount.get(target) ?? 0) > 0 && this.state.get(target) === 'pending') {
        this.readySet.add(target);
        this.readyCache = null;
      }
    }
  }

  private propagateSkips(from: string): string[] {
    const skipped: string[] = [];
    const queue = (this.outgoing.get(from) ?? []).map((e) => e.target);
    for (let head = 0; head < queue.length; head += 1) {
      const id = queue[head] as string;
      if (this.state.get(id) !== 'pending') continue;
      if (this.unsettled.get(id) !== 0 || (this.liveCount.get(id) ?? 0) > 0) continue;
      this.setState(id, 'skipped');
      skipped.push(id);
      this.settle(id);
      for (const edge of this.outgoing.get(id) ?? []) queue.push(edge.target);
    }
    return skipped;
  }
}

/** A read-only set whose members are computed the first time it is read. */
class LazySet implements ReadonlySet<string> {
  private members: Set<string> | null = null;

  constructor(private readonly compute: () => Set<string>) {}

  private get set(): Set<string> {
    this.members ??= this.compute();
    return this.members;
  }

  get size(): number {
    return this.set.size;
  }

  has(value: string): boolean {
    return this.set.has(value);
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const value of this.set) callback.call(thisArg, value, value, this);
  }

  entries(): SetIterator<[string, string]> {
    return this.set.entries();
  }

  keys(): SetIterator<string> {
    return this.set.keys();
  }

  values(): SetIterator<string> {
    return this.set.values();
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.set[Symbol.iterator]();
  }
}
