// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CursorLayer } from './cursor-layer';
import { collaboratorsFrom } from './presence-state';

afterEach(cleanup);

/** Awareness states as the provider holds them: our own (client 1) and two others. */
const states = new Map<number, unknown>([
  [1, { user: { id: 'me', name: 'Me', color: '#7c6cff' }, cursor: { x: 5, y: 5 } }],
  [7, { user: { id: 'u-b', name: 'Bea', color: '#34d399' }, cursor: { x: 100, y: 50 }, selection: ['llm1'] }],
  [9, { user: { id: 'u-c', name: 'Cy', color: '#fb923c' }, cursor: null }],
  [11, { cursor: { x: 1, y: 1 } }],
]);

function cursorAt(name: string): { x: number; y: number } {
  const element = screen.getAllByTestId('remote-cursor').find((node) => node.dataset.user === name);
  if (!element) throw new Error(`no cursor for ${name}`);
  const match = /translate\(([-\d.]+)px, ([-\d.]+)px\)/.exec(element.style.transform);
  if (!match) throw new Error(`unexpected transform ${element.style.transform}`);
  return { x: Number(match[1]), y: Number(match[2]) };
}

describe('remote cursors', () => {
  const collaborators = collaboratorsFrom(states, 1);

  it('reads only other people with a user, and draws only those with a cursor', () => {
    expect(collaborators.map((c) => c.user.name)).toEqual(['Bea', 'Cy']);
    render(<CursorLayer collaborators={collaborators} viewport={{ x: 0, y: 0, zoom: 1 }} />);
    expect(screen.getAllByTestId('remote-cursor')).toHaveLength(1);
    expect(screen.getByText('Bea')).toBeTruthy();
  });

  it('places a flow-coordinate cursor on the same graph spot at zoom 1 and zoom 2, with a pan', () => {
    const { rerender } = render(
      <CursorLayer collaborators={collaborators} viewport={{ x: 20, y: 10, zoom: 1 }} />,
    );
    expect(cursorAt('Bea')).toEqual({ x: 120, y: 60 });
    rerender(<CursorLayer collaborators={collaborators} viewport={{ x: -40, y: 30, zoom: 2 }} />);
    expect(cursorAt('Bea')).toEqual({ x: 160, y: 130 });
    rerender(<CursorLayer collaborators={collaborators} viewport={{ x: 0, y: 0, zoom: 0.5 }} />);
    expect(cursorAt('Bea')).toEqual({ x: 50, y: 25 });
  });
});
