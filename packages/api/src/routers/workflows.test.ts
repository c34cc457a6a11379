import { createSampleWorkflow, materialise } from '@tandem/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../root';
import { openTestbed, type Testbed } from '../test-support';
import { createCallerFactory } from '../trpc';

const createCaller = createCallerFactory(appRouter);
let testbed: Testbed;
let caller: ReturnType<typeof createCaller>;

beforeAll(async () => {
  testbed = await openTestbed(undefined);
  const user = await testbed.newUser();
  caller = createCaller(await testbed.context(user.id));
});
afterAll(() => testbed?.cleanup());

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

  it('asks an anonymous caller to log in', async () => {
    const anonymous = createCaller(await testbed.context(null));
    await expect(anonymous.workflows.checkImport({ json: sampleDefinition() })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});

describe('system.info', () => {
  it('reports the driver and migrations', async () => {
    const info = await caller.system.info();
    expect(info.db).toBe('pglite');
    expect(info.migrations).toMatchObject({ pending: 0, latest: expect.any(String) });
  });
});
