// @vitest-environment jsdom
import { addNode, createWorkflowDoc, promptText, readGraph } from '@tandem/workflow';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { SchemaForm } from './schema-form';

afterEach(cleanup);

const configOf = (doc: Y.Doc, id: string) =>
  readGraph(doc).nodes.find((node) => node.id === id)?.config ?? {};

/** Renders the form and re-renders it on every doc change, like the panel does through the snapshot store. */
function renderForm(doc: Y.Doc, id: string, type: 'llm' | 'input' | 'http', readOnly = false) {
  const view = () => (
    <SchemaForm
      doc={doc}
      nodeId={id}
      type={type}
      config={configOf(doc, id)}
      readOnly={readOnly}
      available={[]}
      problemsByField={new Map([['model', ['LLM needs a model.']]])}
      promptTextOf={(field) => promptText(doc, id, field)}
    />
  );
  const result = render(view());
  doc.on('afterTransaction', () => result.rerender(view()));
}

describe('SchemaForm', () => {
  it('generates a control per field kind from the zod schema', () => {
    const doc = createWorkflowDoc();
    addNode(doc, { id: 'n', type: 'llm', position: { x: 0, y: 0 } });
    renderForm(doc, 'n', 'llm');
    const provider = screen.getByLabelText('Provider') as HTMLSelectElement;
    expect([...provider.options].map((option) => option.value)).toEqual([
      'openai',
      'anthropic',
      'openai-compatible',
      'mock',
    ]);
    const temperature = screen.getByLabelText('Temperature') as HTMLInputElement;
    expect([temperature.type, temperature.min, temperature.max]).toEqual(['number', '0', '2']);
    expect((screen.getByLabelText('Max tokens') as HTMLInputElement).step).toBe('1');
    expect(screen.getByRole('switch', { name: 'JSON mode' })).toBeTruthy();
    expect(screen.getByLabelText('User prompt').tagName).toBe('TEXTAREA');
    expect(screen.getByText('LLM needs a model.')).toBeTruthy();
  });

  it('writes valid values, and shows the zod message without writing invalid ones', async () => {
    const doc = createWorkflowDoc();
    addNode(doc, { id: 'n', type: 'llm', position: { x: 0, y: 0 } });
    renderForm(doc, 'n', 'llm');
    const temperature = screen.getByLabelText('Temperature');
    await userEvent.clear(temperature);
    await userEvent.type(temperature, '5');
    expect(screen.getByRole('alert').textContent).toMatch(/<=2|too big/i);
    expect(configOf(doc, 'n').temperature).toBe(0.7);
    await userEvent.clear(temperature);
    await userEvent.type(temperature, '1.5');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(configOf(doc, 'n').temperature).toBe(1.5);

    fireEvent.change(screen.getByLabelText('Provider'), { target: { value: 'anthropic' } });
    await userEvent.click(screen.getByRole('switch', { name: 'JSON mode' }));
    await userEvent.type(screen.getByLabelText('Model'), 'claude');
    expect(configOf(doc, 'n')).toMatchObject({ provider: 'anthropic', jsonMode: true, model: 'claude' });
  });

  it('edits an array of objects as rows, holding back an invalid row', async () => {
    const doc = createWorkflowDoc();
    addNode(doc, { id: 'in', type: 'input', position: { x: 0, y: 0 } });
    renderForm(doc, 'in', 'input');
    await userEvent.click(screen.getByRole('button', { name: '+ Add field' }));
    const name = screen.getByLabelText('Name');
    await userEvent.type(name, '9lives');
    expect(screen.getByRole('alert').textContent).toMatch(/letter/);
    expect(configOf(doc, 'in').fields).toEqual([]);
    await userEvent.clear(name);
    await userEvent.type(name, 'topic');
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'number' } });
    expect(configOf(doc, 'in').fields).toEqual([
      { name: 'topic', type: 'number', required: true, description: '' },
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Remove row 1' }));
    expect(configOf(doc, 'in').fields).toEqual([]);
  });

  it('edits a record as key/value rows', async () => {
    const doc = createWorkflowDoc();
    addNode(doc, { id: 'h', type: 'http', position: { x: 0, y: 0 } });
    renderForm(doc, 'h', 'http');
    await userEvent.click(screen.getByRole('button', { name: '+ Add header' }));
    await userEvent.type(screen.getByLabelText('Headers name 1'), 'Accept');
    await userEvent.type(screen.getByLabelText('Headers value 1'), 'text/plain');
    expect(configOf(doc, 'h').headers).toEqual({ Accept: 'text/plain' });
    await userEvent.click(screen.getByRole('button', { name: '+ Add header' }));
    await userEvent.type(screen.getByLabelText('Headers name 2'), 'accept');
    expect(screen.getByRole('alert').textContent).toMatch(/twice/);
    // Partial names were valid and written as typed; the clashing one is not.
    expect(Object.keys(configOf(doc, 'h').headers as object)).not.toContain('accept');
    expect(configOf(doc, 'h').headers).toMatchObject({ Accept: 'text/plain' });
  });

  it('is not editable in read-only mode', () => {
    const doc = createWorkflowDoc();
    addNode(doc, { id: 'n', type: 'llm', position: { x: 0, y: 0 } });
    renderForm(doc, 'n', 'llm', true);
    expect((screen.getByLabelText('Model') as HTMLInputElement).readOnly).toBe(true);
    expect((screen.getByLabelText('User prompt') as HTMLTextAreaElement).readOnly).toBe(true);
    expect(screen.queryByRole('button', { name: 'Insert reference' })).toBeNull();
  });
});
