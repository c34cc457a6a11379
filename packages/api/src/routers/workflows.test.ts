import { createSampleWorkflow, materialise } from '@tandem/workflow';
import { describe, expect, it } from 'vitest';
import type { ApiContext } from '../context';
import { appRouter } from '../root';
import { createCallerFactory } from '../trpc';

const context: ApiContext = {
  requestId: 'test',
  db: { driver: 'pglite', migrationState: async () => ({ applied: 1, pending: 0, latest: '0000' }) },
};
const caller = createCallerFactory(appRouter)(context);

function sampleDefinition() {
  const result = materialise(createSampleWorkflow());
  if (!result.ok) throw new Error('the sample workflow must materialise');
  return result.definition;
}

describe('workflows.checkImport', () => {
  it('accepts an exported workflow and reports its hash and no problems', async () => {
    const definition = sampleDefinition();
    const checked = await caller.workflows.checkImport({ json: JSON.parse(JSON.stringify(definition)) });
    expect(checked.problems).toEqual([]);
    expect(checked.nodeCount).toBe(definition.nodes.length);
    expect(checked.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports graph problems of a well-formed export by node', async () => {
    const definition = sampleDefinition();
    const first = definition.edges[0];
    if (!first) throw new Error('sample has edges');
    const broken = {
      ...definition,
      edges: [...definition.edges, { ...first, id: 'dangling', target: 'ghost' }],
    };
    const checked = await caller.workflows.checkImport({ json: broken });
    expect(checked.problems.map((problem) => problem.code)).toContain('edge-missing-node');
  });

  it('refuses the wrong shape with BAD_REQUEST naming the field', async () => {
    const definition = sampleDefinition();
    const node = definition.nodes[0];
    if (!node) throw new Error('sample has nodes');
    const wrong = { ...definition, nodes: [{ ...node, position: { x: 'left', y: 0 } }] };
    await expect(caller.workflows.checkImport({ json: wrong })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { issues: expect.arrayContaining([expect.objectContaining({ path: 'nodes.0.position.x' })]) },
    });
  });

  it('refuses a document from a newer Tandem', async () => {
    const newer = { ...sampleDefinition(), schemaVersion: 999 };
    await expect(caller.workflows.checkImport({ json: newer })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

describe('system.info', () => {
  it('reports the driver and migrations', async () => {
    await expect(caller.system.info()).resolves.toEqual({
      db: 'pglite',
      migrations: { applied: 1, pending: 0, latest: '0000' },
    });
  });
});
