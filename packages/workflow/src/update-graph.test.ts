/**
 * Randomised oracle test for the incremental reader: a graph kept current with `observeWorkflowChanges` +
 * `updateGraph` must equal a full `readGraph` after any mix of local edits, remote updates (delivered late and
 * in batches), deletes and malformed raw writes, and must keep every node it was not told about.
 * UPDATE_GRAPH_SEEDS (default 200) and UPDATE_GRAPH_SEED (default 1) replay a failure.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNode,
  connect,
  createWorkflowDoc,
  disconnect,
  moveNode,
  promptText,
  removeNode,
  setConfig,
  setLabel,
  setMeta,
} from './accessors';
import { nodeMap, ROOT } from './doc-layout';
import { UserError } from './errors';
import { NODE_TYPES } from './node-types';
import {
  type Graph,
  mergeWorkflowChanges,
  observeWorkflowChanges,
  readGraph,
  updateGraph,
  type WorkflowChange,
} from './read-graph';
import { Random } from './test-support/random';

const SEEDS = Number(process.env.UPDATE_GRAPH_SEEDS ?? 200);
const FIRST_SEED = Number(process.env.UPDATE_GRAPH_SEED ?? 1);
const OPS_PER_SEED = 80;
const REMOTE = Symbol('remote');

const NO_CHANGE: WorkflowChange = { meta: false, nodes: new Set(), edges: new Set() };

function runSeed(seed: number): void {
  const random = new Random(seed);
  const next = random.next;
  const int = (max: number) => random.int(0, max - 1);
  const pick = <T>(items: readonly T[]): T | undefined => random.pick(items);
  const ids = Array.from({ length: 8 }, (_, i) => `n${i}`);

  const local = createWorkflowDoc({ name: 'w' });
  const remote = new Y.Doc();
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(local));
  const toLocal: Uint8Array[] = [];
  remote.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) toLocal.push(update);
  });
  local.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(remote, update, REMOTE);
  });

  let graph: Graph = readGraph(local);
  let pending = NO_CHANGE;
  const stop = observeWorkflowChanges(local, (change) => {
    pending = mergeWorkflowChanges(pending, change);
  });

  const edit = (doc: Y.Doc) => {
    try {
      editOnce(doc);
    } catch (error) {
      // Writers refuse bad input (a config field the node's type lacks) and change nothing.
      if (!(error instanceof UserError)) throw error;
    }
  };

  const editOnce = (doc: Y.Doc) => {
    const id = pick(ids) ?? 'n0';
    const other = pick(ids) ?? 'n1';
    switch (int(12)) {
      case 0:
      case 1:
        if (!nodeMap(doc, id))
          addNode(doc, { id, type: pick(NODE_TYPES) ?? 'llm', position: { x: int(500), y: 0 } });
        break;
      case 2:
        removeNode(doc, id);
        break;
      case 3:
        moveNode(doc, id, { x: int(500), y: int(500) });
        break;
      case 4:
        // Several nodes in one transaction (auto-layout, paste).
        doc.transact(() => {
          for (const each of ids) if (next() < 0.5) moveNode(doc, each, { x: int(500), y: int(500) });
        });
        break;
      case 5:
        setLabel(doc, id, next() < 0.3 ? '' : `L${int(9)}`);
        break;
      case 6:
        setConfig(doc, id, 'userPrompt', `hello {{nodes.${other}.output}}`);
        promptText(doc, id, 'template')?.insert(0, 'x');
        break;
      case 7:
      case 8:
        connect(doc, { id: `e${int(12)}`, source: id, target: other });
        break;
      case 9:
        disconnect(doc, `e${int(12)}`);
        break;
      case 10:
        setMeta(doc, { name: `name ${int(9)}` });
        break;
      default:
        // Malformed raw content, as an old or hostile client might write: readers must agree on it too.
        doc.transact(() => {
          const roll = int(4);
          if (roll === 0) doc.getMap(ROOT.nodes).set(id, 'not a node');
          else if (roll === 1) nodeMap(doc, id)?.set('type', pick(['merge', 'nope', 7]));
          else if (roll === 2) doc.getMap(ROOT.edges).set(`e${int(12)}`, { source: id, target: other });
          else doc.getMap(ROOT.edges).set(`e${int(12)}`, 42);
        });
    }
  };

  const check = () => {
    const before = graph;
    const change = pending;
    pending = NO_CHANGE;
    graph = updateGraph(local, before, change);
    expect(graph, `seed ${seed}`).toEqual(readGraph(local));
    const old = new Map(before.nodes.map((node) => [node.id, node]));
    for (const node of graph.nodes) {
      if (!change.nodes.has(node.id))
        expect(node, `seed ${seed}: untouched ${node.id}`).toBe(old.get(node.id));
    }
  };

  for (let op = 0; op < OPS_PER_SEED; op++) {
    if (next() < 0.5) edit(local);
    else edit(remote);
    if (toLocal.length > 0 && next() < 0.3) {
      // A batch of remote updates, possibly several transactions, arrives at once.
      const batch = toLocal.splice(0, 1 + int(toLocal.length));
      // Either one transaction per update, or the whole batch as one merged update (one transaction).
      if (next() < 0.5) Y.applyUpdate(local, Y.mergeUpdates(batch), REMOTE);
      else for (const update of batch) Y.applyUpdate(local, update, REMOTE);
    }
    if (next() < 0.4) check();
  }
  for (const update of toLocal.splice(0)) Y.applyUpdate(local, update, REMOTE);
  check();
  stop();
}

describe('updateGraph', () => {
  it(`equals a full readGraph after random local, remote and malformed edits (seeds ${FIRST_SEED}..${FIRST_SEED + SEEDS - 1})`, () => {
    for (let seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
      try {
        runSeed(seed);
      } catch (error) {
        throw new Error(`seed ${seed} failed (replay: UPDATE_GRAPH_SEED=${seed} UPDATE_GRAPH_SEEDS=1)`, {
          cause: error,
        });
      }
    }
  });

  it('keeps untouched nodes, the node array on a meta-only change, and edges on a move', () => {
    const doc = createWorkflowDoc();
    addNode(doc, { id: 'a', type: 'input', position: { x: 0, y: 0 } });
    addNode(doc, { id: 'b', type: 'output', position: { x: 0, y: 0 } });
    connect(doc, { id: 'e', source: 'a', target: 'b' });
    let graph = readGraph(doc);
    const changes: WorkflowChange[] = [];
    const stop = observeWorkflowChanges(doc, (change) => changes.push(change));

    moveNode(doc, 'b', { x: 5, y: 5 });
    expect(changes).toEqual([{ meta: false, nodes: new Set(['b']), edges: new Set() }]);
    const moved = updateGraph(doc, graph, changes[0] ?? NO_CHANGE);
    expect(moved.nodes[0]).toBe(graph.nodes[0]);
    expect(moved.nodes[1]?.position).toEqual({ x: 5, y: 5 });
    expect(moved.edges).toBe(graph.edges);
    graph = moved;

    setMeta(doc, { name: 'renamed' });
    const renamed = updateGraph(doc, graph, changes[1] ?? NO_CHANGE);
    expect(changes[1]).toEqual({ meta: true, nodes: new Set(), edges: new Set() });
    expect(renamed.nodes).toBe(graph.nodes);
    expect(renamed.meta.name).toBe('renamed');
    stop();
  });

  it('reports the node that holds a deep change (prompt text) and ignores unrelated roots', () => {
    const doc = createWorkflowDoc();
    addNode(doc, { id: 'p', type: 'template', position: { x: 0, y: 0 } });
    const changes: WorkflowChange[] = [];
    const stop = observeWorkflowChanges(doc, (change) => changes.push(change));
    promptText(doc, 'p', 'template')?.insert(0, 'hi');
    doc.getMap('unrelated').set('x', 1);
    doc.transact(() => {});
    expect(changes).toEqual([{ meta: false, nodes: new Set(['p']), edges: new Set() }]);
    stop();
  });
});
