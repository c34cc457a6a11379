import { addNode, connect, contentHash, createWorkflowDoc, materialise, validate } from '@tandem/workflow';
import type * as Y from 'yjs';
import { medianMs, row } from './measure';
import { report } from './report';

/** A chain of template nodes between one input and one output: the worst case for reachability checks. */
function chainDoc(size: number): Y.Doc {
  const doc = createWorkflowDoc({ name: `chain of ${size}` });
  const input = addNode(doc, { type: 'input', position: { x: 0, y: 0 } });
  let previous = input;
  for (let i = 0; i < size; i++) {
    const id = addNode(doc, {
      type: 'template',
      position: { x: (i + 1) * 200, y: 0 },
      config: { template: `step ${i}: {{nodes.${previous}.output}}` },
    });
    connect(doc, { source: previous, target: id });
    previous = id;
  }
  const output = addNode(doc, { type: 'output', position: { x: (size + 1) * 200, y: 0 } });
  connect(doc, { source: previous, target: output });
  return doc;
}

export function runMaterialiseBench(): void {
  const rows = [100, 500, 1000].map((size) => {
    const doc = chainDoc(size);
    const baselineMs = medianMs(() => JSON.stringify(doc.toJSON()));
    const measuredMs = medianMs(() => {
      const result = materialise(doc);
      if (!result.ok) throw new Error('bench workflow should be valid');
      validate(result.definition);
      contentHash(result.definition);
    });
    return row(`${size} nodes`, measuredMs, baselineMs);
  });
  report(
    'materialise',
    'doc → validated definition → problems → content hash (what Run does before it saves a version)',
    'JSON.stringify(doc.toJSON()): the cheapest complete read of the same Y.Doc',
    rows,
  );
}
