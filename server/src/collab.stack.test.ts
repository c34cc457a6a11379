import { addNode, documentName, readGraph } from '@tandem/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDoc, openStack, STACK_DATABASES, type Stack, synced, waitFor } from './testing/stack';

describe.each(STACK_DATABASES)('collab on the one-process server ($name)', ({ adminUrl }) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await openStack(adminUrl);
  });
  afterAll(() => stack?.cleanup());

  it('syncs two members’ edits over /collab with session tokens and refuses a non-member', async () => {
    const owner = stack.browser();
    await owner.signup('Owner');
    const { workflowId } = await owner.newWorkflow();
    const workflow = { id: workflowId };
    const name = documentName(workflow.id, 'graph');

    const a = connectDoc(stack.port, name, owner.token ?? '');
    const b = connectDoc(stack.port, name, owner.token ?? '');
    const outsider = stack.browser();
    await outsider.signup('Outsider');
    const c = connectDoc(stack.port, name, outsider.token ?? '');
    try {
      await synced(a);
      await synced(b);
      addNode(a.doc, { id: 'typed-by-a', type: 'input', position: { x: 1, y: 2 } });
      await waitFor(
        () => readGraph(b.doc).nodes.some((node) => node.id === 'typed-by-a'),
        'b to see a’s node',
      );
      await waitFor(() => c.authFailures.length > 0, 'the outsider to be refused');
      expect(c.authFailures[0]).toBe('forbidden');
      expect(c.doc.getMap('nodes').size).toBe(0);
    } finally {
      a.destroy();
      b.destroy();
      c.destroy();
    }
  });

  it('refuses a socket from a foreign origin and leaves other upgrade paths alone', async () => {
    const { WebSocket } = await import('ws');
    const refused = await new Promise<string>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${stack.port}/collab`, {
        headers: { origin: 'https://evil.example' },
      });
      socket.on('unexpected-response', (_request, response) => resolve(String(response.statusCode)));
      socket.on('error', () => resolve('error'));
    });
    expect(refused).toBe('403');
    const elsewhere = await new Promise<string>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${stack.port}/not-collab`);
      socket.on('open', () => resolve('open'));
      socket.on('error', () => resolve('destroyed'));
    });
    expect(elsewhere).toBe('destroyed');
  });
});
