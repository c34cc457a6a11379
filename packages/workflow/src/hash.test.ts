import { describe, expect, it } from 'vitest';
import { moveNode, setConfig, setLabel, setMeta } from './accessors';
import { canonicalJson } from './canonical-json';
import { contentHash } from './hash';
import { materialise } from './materialise';
import { createSampleWorkflow } from './sample';
import type { WorkflowDefinition } from './schemas';

function definitionOf(doc = createSampleWorkflow()): WorkflowDefinition {
  const result = materialise(doc);
  if (!result.ok) throw new Error('expected a valid doc');
  return result.definition;
}

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reverseKeys(inner)]),
  );
}

describe('contentHash', () => {
  it('is a hex SHA-256, stable under key order and node/edge order', () => {
    const definition = definitionOf();
    const hash = contentHash(definition);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const shuffled = reverseKeys(definition) as WorkflowDefinition;
    shuffled.nodes.reverse();
    shuffled.edges.reverse();
    expect(contentHash(shuffled)).toBe(hash);
  });

  it('ignores positions, labels, meta and edge ids', () => {
    const doc = createSampleWorkflow();
    const before = contentHash(definitionOf(doc));
    moveNode(doc, 'classify', { x: 999, y: -5 });
    setLabel(doc, 'merge', 'Join');
    setMeta(doc, { name: 'Renamed', description: 'other' });
    const moved = definitionOf(doc);
    expect(contentHash(moved)).toBe(before);
    const renamedEdges = {
      ...moved,
      edges: moved.edges.map((edge, index) => ({ ...edge, id: `x${index}` })),
    };
    expect(contentHash(renamedEdges)).toBe(before);
  });

  it('changes when what executes changes', () => {
    const doc = createSampleWorkflow();
    const before = contentHash(definitionOf(doc));
    setConfig(doc, 'classify', 'temperature', 0.2);
    const afterConfig = contentHash(definitionOf(doc));
    expect(afterConfig).not.toBe(before);
    const definition = definitionOf(doc);
    const rewired = {
      ...definition,
      edges: definition.edges.map((edge) =>
        edge.id === 'e_route_billing'
          ? { ...edge, sourceHandle: 'false' }
          : edge.id === 'e_route_lookup'
            ? { ...edge, sourceHandle: 'true' }
            : edge,
      ),
    };
    expect(contentHash(rewired)).not.toBe(afterConfig);
  });
});

describe('canonicalJson', () => {
  it('sorts keys recursively and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: undefined }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"f":2}]},"b":1}',
    );
    expect(canonicalJson([undefined])).toBe('[null]');
  });
});
