import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestbed, TEST_DATABASES, type Testbed } from '../test-support';
import { workflowRole } from './access';

describe.each(TEST_DATABASES)('workflowRole on $name', ({ adminUrl }) => {
  let testbed: Testbed;
  beforeAll(async () => {
    testbed = await openTestbed(adminUrl);
  });
  afterAll(() => testbed?.cleanup());

  it('answers each member’s role, and null for everyone and everything else', async () => {
    const { repos } = testbed.services;
    const [owner, editor, viewer, outsider] = [
      await testbed.newUser(),
      await testbed.newUser(),
      await testbed.newUser(),
      await testbed.newUser(),
    ];
    const { workspace } = await repos.workspaces.create({ name: 'W', ownerId: owner.id });
    await repos.workspaces.addMember(workspace.id, editor.id, 'editor');
    await repos.workspaces.addMember(workspace.id, viewer.id, 'viewer');
    const workflow = await repos.workflows.create({
      workspaceId: workspace.id,
      name: 'F',
      createdBy: owner.id,
    });

    expect(await workflowRole(repos, owner.id, workflow.id)).toBe('owner');
    expect(await workflowRole(repos, editor.id, workflow.id)).toBe('editor');
    expect(await workflowRole(repos, viewer.id, workflow.id)).toBe('viewer');
    expect(await workflowRole(repos, outsider.id, workflow.id)).toBeNull();
    expect(await workflowRole(repos, owner.id, randomUUID())).toBeNull();
    // Ids from a document name are not trusted to be uuids.
    expect(await workflowRole(repos, owner.id, 'not-a-uuid')).toBeNull();
    expect(await workflowRole(repos, 'nobody', workflow.id)).toBeNull();

    await repos.workflows.softDelete(workflow.id);
    expect(await workflowRole(repos, owner.id, workflow.id)).toBeNull();
  });
});
