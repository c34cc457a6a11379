// @vitest-environment jsdom
import { addNode, createWorkflowDoc, promptText } from '@tandem/workflow';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PromptEditor } from './prompt-editor';

afterEach(cleanup);

/** Two replicas of one workflow, synced synchronously while `online` (a stand-in for the provider). */
function replicas(initial = 'Hello world') {
  const a = createWorkflowDoc();
  addNode(a, { id: 't', type: 'template', position: { x: 0, y: 0 }, config: { template: initial } });
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const link = { online: true };
  const remote = Symbol('remote');
  a.on('update', (update: Uint8Array, origin: unknown) => {
    if (link.online && origin !== remote) Y.applyUpdate(b, update, remote);
  });
  b.on('update', (update: Uint8Array, origin: unknown) => {
    if (link.online && origin !== remote) Y.applyUpdate(a, update, remote);
  });
  const reconnect = () => {
    link.online = true;
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), remote);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), remote);
  };
  const textOf = (doc: Y.Doc) => promptText(doc, 't', 'template') as Y.Text;
  return { a, b, link, reconnect, textOf };
}

function editor(text: Y.Text, id: string) {
  render(
    <PromptEditor
      id={id}
      label={`Template ${id}`}
      text={text}
      mode="template"
      nodeId="t"
      available={[]}
      readOnly={false}
    />,
  );
  return screen.getByLabelText(`Template ${id}`) as HTMLTextAreaElement;
}

describe('PromptEditor (Y.Text binding)', () => {
  it('writes local typing to the doc as span edits', async () => {
    const { a, textOf } = replicas('Hello');
    const area = editor(textOf(a), 'a');
    const deltas: unknown[] = [];
    textOf(a).observe((event) => deltas.push(event.delta));
    await userEvent.type(area, '!', { initialSelectionStart: 5, initialSelectionEnd: 5 });
    await userEvent.type(area, 'Oh, ', { initialSelectionStart: 0, initialSelectionEnd: 0 });
    expect(textOf(a).toString()).toBe('Oh, Hello!');
    // Each keystroke is a minimal insert, never a rewrite of the whole text.
    expect(deltas[0]).toEqual([{ retain: 5 }, { insert: '!' }]);
    expect(deltas[1]).toEqual([{ insert: 'O' }]);
  });

  it('applies a remote change and keeps the local caret where it was', async () => {
    const { a, b, textOf } = replicas('Hello world');
    const area = editor(textOf(a), 'a');
    area.focus();
    area.setSelectionRange(6, 11); // "world" selected
    textOf(b).insert(0, '>> ');
    expect(area.value).toBe('>> Hello world');
    expect([area.selectionStart, area.selectionEnd]).toEqual([9, 14]);
    textOf(b).delete(0, 9); // removes ">> Hello " — the selection slides left with its text
    expect(area.value).toBe('world');
    expect([area.selectionStart, area.selectionEnd]).toEqual([0, 5]);
    textOf(b).insert(5, '!'); // after the selection: nothing moves
    expect([area.selectionStart, area.selectionEnd]).toEqual([0, 5]);
  });

  it('two people typing in one prompt both keep their characters', async () => {
    const { a, b, link, reconnect, textOf } = replicas('Dear ,');
    const areaA = editor(textOf(a), 'a');
    const areaB = editor(textOf(b), 'b');
    await userEvent.type(areaA, 'Ada', { initialSelectionStart: 5, initialSelectionEnd: 5 });
    expect(areaB.value).toBe('Dear Ada,');
    // Concurrent: both type while offline, then sync.
    link.online = false;
    await userEvent.type(areaA, ' Lovelace', { initialSelectionStart: 8, initialSelectionEnd: 8 });
    await userEvent.type(areaB, ' thanks', { initialSelectionStart: 9, initialSelectionEnd: 9 });
    reconnect();
    expect(textOf(a).toString()).toBe('Dear Ada Lovelace, thanks');
    expect(textOf(b).toString()).toBe(textOf(a).toString());
    expect(areaA.value).toBe(textOf(a).toString());
    expect(areaB.value).toBe(textOf(a).toString());
  });

  it('lists references, flags broken ones and inserts from the menu at the caret', async () => {
    const { a, textOf } = replicas('Hi {{inputs.name}} {{nodes.ghost.output}}');
    render(
      <PromptEditor
        id="r"
        label="Body"
        text={textOf(a)}
        mode="template"
        nodeId="t"
        available={[{ path: 'inputs.name', kind: 'input', detail: 'string' }]}
        readOnly={false}
      />,
    );
    const refs = screen.getByRole('list', { name: 'References in Body' });
    expect(refs.textContent).toContain('inputs.name');
    expect(refs.textContent).toContain('“ghost” is not upstream of this node.');
    const area = screen.getByLabelText('Body') as HTMLTextAreaElement;
    area.setSelectionRange(2, 2);
    fireEvent.click(screen.getByRole('button', { name: 'Insert reference' }));
    fireEvent.click(screen.getByRole('menuitem', { name: /inputs\.name/ }));
    expect(textOf(a).toString()).toBe('Hi{{inputs.name}} {{inputs.name}} {{nodes.ghost.output}}');
    expect(area.selectionStart).toBe(2 + '{{inputs.name}}'.length);
  });
});
