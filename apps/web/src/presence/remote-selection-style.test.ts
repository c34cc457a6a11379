import { describe, expect, it } from 'vitest';
import type { Collaborator } from './presence-state';
import { remoteSelectionCss } from './remote-selection-style';

const person = (clientId: number, name: string, color: string, selection: string[]): Collaborator => ({
  clientId,
  user: { id: name, name, color },
  cursor: null,
  selection,
  viewport: null,
});

describe('remote selections', () => {
  it('outlines each selected node in the selecting person’s colour and names them', () => {
    const css = remoteSelectionCss([
      person(2, 'Bea', '#34d399', ['llm1']),
      person(3, 'Cy', '#fb923c', ['llm1', 'out']),
    ]);
    expect(css).toContain('.react-flow__node[data-id="llm1"] .tnode{outline:2px solid #34d399');
    expect(css).toContain('content:"Bea, Cy"');
    expect(css).toContain('[data-id="out"] .tnode{outline:2px solid #fb923c');
  });

  it('lets no foreign id or colour escape into the stylesheet', () => {
    const css = remoteSelectionCss([
      person(2, 'Eve', 'red;}body{display:none', ['a']),
      person(3, 'Mal', '#fff', ['x"]{}*{display:none}']),
    ]);
    expect(css).toBe('');
  });
});
