import { documentName, readGraph, setConfig, undoScope } from '@tandem/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { linearFlow } from './testing/definitions';
import { connectDoc, openStack, STACK_DATABASES, type Stack, synced, waitFor } from './testing/stack';

type Saved = { version: { id: string; number: number; contentHash: string }; created: boolean };

describe.each(STACK_DATABASES)('versions through collab ($name)', ({ adminUrl }) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await openStack(adminUrl);
  });
  afterAll(() => stack?.cleanup());

  it('saves the live draft, dedupes by hash, diffs, restores as one undoable transaction, pins', async () => {
    const owner = stack.browser();
    await owner.signup();
    const workspace = await owner.ok<{ id: string }>('mutation', 'workspaces.create', { name: 'V' });
    const { workflow } = await owner.ok<{ workflow: { id: string } }>('mutation', 'workflows.import', {
      workspaceId: workspace.id,
      json: linearFlow(),
    });
    const editor = connectDoc(stack.port, documentName(workflow.id, 'graph'), owner.token ?? '');
    try {
      await synced(editor);
      const first = await owner.ok<Saved>('mutation', 'versions.create', {
        workflowId: workflow.id,
        name: 'First',
      });
      expect(first.created).toBe(true);
      const same = await owner.ok<Saved>('mutation', 'versions.create', { workflowId: workflow.id });
      expect(same).toMatchObject({ created: false, version: { id: first.version.id } });

      // An edit acknowledged by collab (not yet compacted) is what the next version holds.
      setConfig(editor.doc, 'ask', 'userPrompt', 'Changed {{inputs.topic}}');
      await synced(editor);
      const second = await owner.ok<Saved>('mutation', 'versions.create', { workflowId: workflow.id });
      expect(second).toMatchObject({ created: true, version: { number: 2 } });
      const diff = await owner.ok<{ nodes: { changed: { id: string; fields: string[] }[] } }>(
        'query',
        'versions.diff',
        {
          workflowId: workflow.id,
          from: first.version.id,
          to: second.version.id,
        },
      );
      expect(diff.nodes.changed).toEqual([{ id: 'ask', fields: ['config.userPrompt'] }]);

      // Restore writes version 1 into the live doc as ONE transaction: one undo step reverts it.
      const undo = new Y.UndoManager(undoScope(editor.doc), { trackedOrigins: new Set([editor.provider]) });
      const prompt = () =>
        (readGraph(editor.doc).nodes.find((node) => node.id === 'ask')?.config as { userPrompt?: string })
          ?.userPrompt;
      await owner.ok('mutation', 'versions.restore', {
        workflowId: workflow.id,
        versionId: first.version.id,
      });
      const original = (linearFlow().nodes[1]?.config as { userPrompt?: string } | undefined)?.userPrompt;
      await waitFor(() => prompt() === original, 'the restore to arrive');
      expect(undo.undoStack).toHaveLength(1);
      undo.undo();
      expect(prompt()).toBe('Changed {{inputs.topic}}');
      undo.destroy();

      await owner.ok('mutation', 'versions.pin', { workflowId: workflow.id, versionId: second.version.id });
      const got = await owner.ok<{ pinnedVersionId: string }>('query', 'workflows.get', {
        workflowId: workflow.id,
      });
      expect(got.pinnedVersionId).toBe(second.version.id);
      const listed = await owner.ok<{ number: number }[]>('query', 'versions.list', {
        workflowId: workflow.id,
      });
      expect(listed.map((version) => version.number)).toEqual([2, 1]);
    } finally {
      editor.destroy();
    }
  });
});
