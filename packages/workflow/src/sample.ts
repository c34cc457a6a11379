import type * as Y from 'yjs';
import { addNode, connect, createWorkflowDoc } from './accessors';

/**
 * A realistic sample workflow (support triage): input → llm → condition → template | http → merge → output.
 * It materialises with zero problems.
 */
export function createSampleWorkflow(): Y.Doc {
  const doc = createWorkflowDoc({
    name: 'Support triage',
    description: 'Classifies a customer question, answers billing questions directly and looks the rest up.',
  });
  doc.transact(() => {
    addNode(doc, {
      id: 'input',
      type: 'input',
      position: { x: 0, y: 200 },
      config: {
        fields: [
          { name: 'question', type: 'string', required: true, description: 'What the customer asked.' },
          { name: 'customerEmail', type: 'string', required: false, description: 'Who asked.' },
        ],
      },
    });
    addNode(doc, {
      id: 'classify',
      type: 'llm',
      label: 'Classify question',
      position: { x: 280, y: 200 },
      config: {
        provider: 'mock',
        model: 'mock-small',
        systemPrompt:
          'You triage customer support questions. Reply with JSON: {"category": "billing" | "technical" | "other", "summary": string}.',
        userPrompt: 'Customer question: {{inputs.question}}',
        temperature: 0,
        maxTokens: 256,
        jsonMode: true,
      },
    });
    addNode(doc, {
      id: 'route',
      type: 'condition',
      label: 'Is it billing?',
      position: { x: 560, y: 200 },
      config: { expression: 'nodes.classify.output.category == "billing"' },
    });
    addNode(doc, {
      id: 'billingReply',
      type: 'template',
      label: 'Billing reply',
      position: { x: 840, y: 100 },
      config: {
        template:
          'Thanks for contacting us about billing. We understood: {{nodes.classify.output.summary}}. An invoice specialist will follow up.',
      },
    });
    addNode(doc, {
      id: 'lookup',
      type: 'http',
      label: 'Search knowledge base',
      position: { x: 840, y: 300 },
      config: {
        method: 'GET',
        urlTemplate: 'https://kb.example.com/search?q={{inputs.question}}',
        headers: { Accept: 'application/json' },
        timeoutMs: 5_000,
      },
    });
    addNode(doc, { id: 'merge', type: 'merge', position: { x: 1120, y: 200 }, config: { mode: 'object' } });
    addNode(doc, { id: 'answer', type: 'output', position: { x: 1400, y: 200 }, config: { name: 'answer' } });
    connect(doc, { id: 'e_input_classify', source: 'input', target: 'classify' });
    connect(doc, { id: 'e_classify_route', source: 'classify', target: 'route' });
    connect(doc, { id: 'e_route_billing', source: 'route', sourceHandle: 'true', target: 'billingReply' });
    connect(doc, { id: 'e_route_lookup', source: 'route', sourceHandle: 'false', target: 'lookup' });
    connect(doc, { id: 'e_billing_merge', source: 'billingReply', target: 'merge' });
    connect(doc, { id: 'e_lookup_merge', source: 'lookup', target: 'merge' });
    connect(doc, { id: 'e_merge_answer', source: 'merge', target: 'answer' });
  });
  return doc;
}
