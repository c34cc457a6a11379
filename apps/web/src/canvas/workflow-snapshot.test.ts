import {
  addNode,
  connect,
  createSampleWorkflow,
  createWorkflowDoc,
  materialise,
  moveNode,
  readGraph,
  removeNode,
  setConfig,
} from '@tandem/workflow';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toFlowEdges, toFlowNodes } from './graph-mapping';
import { groupProblemsByNode, problemKey, workflowStore } from './workflow-snapshot';

/** What an older or foreign client could leave in the doc; the app itself only writes through accessors. */
function writeRawEdge(doc: Y.Doc, id: string, source: string, target: string): void {
  doc.getMap('edges').set(id, { source, target });
}

describe('workflowStore', () => {
  it('is one store per doc, and stays current without subscribers', () => {
    const doc = createSampleWorkflow();
    expect(workflowStore(doc)).toBe(workflowStore(doc));
    const before = workflowStore(doc).getSnapshot();
    moveNode(doc, 'merge', { x: 1, y: 1 });
    expect(workflowStore(doc).getSnapshot()).not.toBe(before);
  });

  it('returns the same snapshot until the doc changes, and notifies on change', () => {
    const doc = createSampleWorkflow();
    const store = workflowStore(doc);
    let notified = 0;
    const unsubscribe = store.subscribe(() => {
      notified += 1;
    });
    const first = store.getSnapshot();
    expect(store.getSnapshot()).toBe(first);
    moveNode(doc, 'merge', { x: 10, y: 20 });
    expect(notified).toBe(1);
    const second = store.getSnapshot();
    expect(second).not.toBe(first);
    expect(second.graph.nodes.find((node) => node.id === 'merge')?.position).toEqual({ x: 10, y: 20 });
    unsubscribe();
    moveNode(doc, 'merge', { x: 0, y: 0 });
    expect(notified).toBe(1);
  });

  it('keeps its graph equal to a full read across local, remote and delete edits, reusing untouched nodes', () => {
    const doc = createWorkflowDoc();
    const store = workflowStore(doc);
    addNode(doc, { id: 'a', type: 'input', position: { x: 0, y: 0 } });
    addNode(doc, { id: 'b', type: 'template', position: { x: 0, y: 0 } });
    connect(doc, { id: 'e', source: 'a', target: 'b' });
    const before = store.getSnapshot().graph;
    expect(before).toEqual(readGraph(doc));

    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    moveNode(peer, 'b', { x: 9, y: 9 });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer), 'provider');
    const moved = store.getSnapshot().graph;
    expect(moved).toEqual(readGraph(doc));
    expect(moved.nodes[0]).toBe(before.nodes[0]);
    expect(moved.edges).toBe(before.edges);

    removeNode(doc, 'a');
    expect(store.getSnapshot().graph).toEqual(readGraph(doc));
    expect(store.getSnapshot().graph.edges).toEqual([]);
  });

  it('reports the sample as valid and a broken reference as a problem on its node', () => {
    const doc = createSampleWorkflow();
    const store = workflowStore(doc);
    expect(store.getSnapshot().problems).toEqual([]);
    setConfig(doc, 'billingReply', 'template', 'Hello {{nodes.nobody.output}} and {{ nodes.nobody.output }}');
    const { problems, problemsByNode } = store.getSnapshot();
    const expected = {
      code: 'unknown-reference',
      nodeId: 'billingReply',
      field: 'template',
      message: 'There is no node "nobody".',
    };
    expect(problems).toEqual([expected]);
    expect(materialise(doc)).toMatchObject({ ok: false, problems });
    expect([...problemsByNode]).toEqual([['billingReply', [expected.message]]]);
  });

  it('gives every problem of a broken doc its own list key', () => {
    const doc = createWorkflowDoc();
    addNode(doc, { id: 'o1', type: 'output', position: { x: 0, y: 0 } });
    addNode(doc, { id: 'o2', type: 'output', position: { x: 0, y: 0 } });
    addNode(doc, { id: 't', type: 'template', position: { x: 0, y: 0 } });
    // Edges written by another client without handles, out of nodes that have no output.
    writeRawEdge(doc, 'bad1', 'o1', 't');
    writeRawEdge(doc, 'bad2', 'o2', 't');
    const { problems } = workflowStore(doc).getSnapshot();
    expect(problems.length).toBeGreaterThan(4);
    expect(new Set(problems.map(problemKey)).size).toBe(problems.length);
  });

  it('reports an empty doc as a problem instead of throwing', () => {
    const store = workflowStore(createWorkflowDoc());
    expect(store.getSnapshot().problems.length).toBeGreaterThan(0);
  });
});

describe('the sample workflow on the canvas', () => {
  it('maps every node to its own card type and keeps the condition branches', () => {
    const { graph } = workflowStore(createSampleWorkflow()).getSnapshot();
    const nodes = toFlowNodes(graph);
    expect(nodes.map((node) => node.type).sort()).toEqual(
      ['condition', 'http', 'input', 'llm', 'merge', 'output', 'template'].sort(),
    );
    const branches = toFlowEdges(graph).filter((edge) => edge.source === 'route');
    expect(branches.map((edge) => edge.className).sort()).toEqual(['edge--false', 'edge--true']);
  });
});

describe('groupProblemsByNode', () => {
  it('groups messages by node and skips problems about the whole graph', () => {
    const grouped = groupProblemsByNode([
      { code: 'no-output', message: 'No output node' },
      { code: 'missing-config', message: 'No model', nodeId: 'a' },
      { code: 'invalid-config', message: 'Bad temperature', nodeId: 'a' },
    ]);
    expect([...grouped]).toEqual([['a', ['No model', 'Bad temperature']]]);
  });
});
