import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linearFlow } from './testing/definitions';
import { openStack, STACK_DATABASES, type Stack } from './testing/stack';

describe.each(STACK_DATABASES)('the HTTP trigger ($name)', ({ adminUrl }) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await openStack(adminUrl);
  });
  afterAll(() => stack?.cleanup());

  async function setup() {
    const owner = stack.browser();
    await owner.signup();
    const workspace = await owner.ok<{ id: string }>('mutation', 'workspaces.create', { name: 'T' });
    const { workflow } = await owner.ok<{ workflow: { id: string } }>('mutation', 'workflows.import', {
      workspaceId: workspace.id,
      json: linearFlow(),
    });
    const key = await owner.ok<{ apiKey: { id: string }; token: string }>('mutation', 'apiKeys.create', {
      workspaceId: workspace.id,
      name: 'ci',
    });
    return { owner, workflowId: workflow.id, key };
  }
  const trigger = (workflowId: string, token: string | null, body: unknown, query = '') =>
    fetch(`${stack.url.replace('localhost', '127.0.0.1')}/api/workflows/${workflowId}/runs${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  it('runs the pinned version with a key, waits for outputs, and reads runs of its own workspace only', async () => {
    const { owner, workflowId, key } = await setup();
    const unpinned = await trigger(workflowId, key.token, { inputs: { topic: 'x' } });
    expect(unpinned.status).toBe(409);
    expect(((await unpinned.json()) as { error: { message: string } }).error.message).toMatch(
      /no pinned version/,
    );

    const saved = await owner.ok<{ version: { id: string } }>('mutation', 'versions.create', { workflowId });
    await owner.ok('mutation', 'versions.pin', { workflowId, versionId: saved.version.id });

    const badBody = await trigger(workflowId, key.token, { inputs: 'nope' });
    expect(badBody.status).toBe(400);
    expect(JSON.stringify(await badBody.json())).toContain('inputs');
    const badInput = await trigger(workflowId, key.token, { inputs: { topic: 7 } });
    expect(badInput.status).toBe(400);
    expect(JSON.stringify(await badInput.json())).toContain('inputs.topic');

    const waited = await trigger(workflowId, key.token, { inputs: { topic: 'otters' } }, '?wait=true');
    expect(waited.status).toBe(200);
    expect(await waited.json()).toMatchObject({
      status: 'succeeded',
      versionId: saved.version.id,
      outputs: { answer: 'Hello otters' },
    });

    const queued = await trigger(workflowId, key.token, { inputs: { topic: 'later' } });
    expect(queued.status).toBe(202);
    const { runId } = (await queued.json()) as { runId: string };
    const read = await fetch(`${stack.url.replace('localhost', '127.0.0.1')}/api/runs/${runId}`, {
      headers: { authorization: `Bearer ${key.token}` },
    });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ runId, versionId: saved.version.id });

    // Another workspace's key sees neither the workflow nor the run.
    const other = await setup();
    expect((await trigger(workflowId, other.key.token, { inputs: { topic: 'x' } })).status).toBe(404);
    const foreignRead = await fetch(`${stack.url.replace('localhost', '127.0.0.1')}/api/runs/${runId}`, {
      headers: { authorization: `Bearer ${other.key.token}` },
    });
    expect(foreignRead.status).toBe(404);

    // Missing and revoked keys are 401.
    expect((await trigger(workflowId, null, { inputs: { topic: 'x' } })).status).toBe(401);
    await owner.ok('mutation', 'apiKeys.revoke', { apiKeyId: key.apiKey.id });
    expect((await trigger(workflowId, key.token, { inputs: { topic: 'x' } })).status).toBe(401);
  });
});
