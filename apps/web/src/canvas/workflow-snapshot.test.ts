import { createSampleWorkflow, createWorkflowDoc, moveNode, setConfig } from '@tandem/workflow';
import { describe, expect, it } from 'vitest';
import { toFlowEdges, toFlowNodes } from './graph-mapping';
import { groupProblemsByNode, workflowStore } from './workflow-snapshot';

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

  it('reports the sample as valid and a broken reference as a problem on its node', () => {
    const doc = createSampleWorkflow();
    const store = workflowStore(doc);
    expect(store.getSnapshot().problems).toEqual([]);
    setConfig(doc, 'billingReply', 'template', 'Hello {{nodes.nobody.output}}');
    const { problems, problemsByNode } = store.getSnapshot();
    expect(problems.length).toBeGreaterThan(0);
    expect(problemsByNode.get('billingReply')?.length).toBeGreaterThan(0);
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
