import { addNode, connect, createWorkflowDoc, moveNode } from '@tandem/workflow';
import { describe, expect, it } from 'vitest';
import { toFlowEdges, toFlowNodes } from './graph-mapping';
import { workflowStore } from './workflow-snapshot';

function bigDoc(count: number) {
  const doc = createWorkflowDoc();
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      addNode(doc, {
        id: `n${i}`,
        type: i % 2 ? 'template' : 'merge',
        position: { x: (i % 40) * 300, y: Math.floor(i / 40) * 200 },
        config: i % 2 ? { template: `{{nodes.n${i - 1}.output}}` } : {},
      });
      if (i > 0) connect(doc, { id: `e${i}`, source: `n${i - 1}`, target: `n${i}` });
    }
  });
  return doc;
}

describe('a 1,000-node graph', () => {
  it('keeps every untouched node (and its data) identical when one node moves', () => {
    const doc = bigDoc(1000);
    const store = workflowStore(doc);
    const before = toFlowNodes(store.getSnapshot().graph, [], store.getSnapshot().problemsByNode);
    const edgesBefore = toFlowEdges(store.getSnapshot().graph);
    moveNode(doc, 'n500', { x: 1, y: 2 });
    const snapshot = store.getSnapshot();
    const after = toFlowNodes(snapshot.graph, before, snapshot.problemsByNode);
    const changed = after.filter((node, index) => node !== before[index]);
    expect(changed.map((node) => node.id)).toEqual(['n500']);
    // Memoised node components compare props shallowly: data must keep its identity too.
    expect(after.filter((node, index) => node.data !== before[index]?.data)).toHaveLength(0);
    const edgesAfter = toFlowEdges(snapshot.graph, edgesBefore);
    expect(edgesAfter.every((edge, index) => edge === edgesBefore[index])).toBe(true);
  });
});
