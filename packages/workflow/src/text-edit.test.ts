import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replaceText } from './text-edit';

describe('replaceText', () => {
  it('changes only the differing span', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'abcdef');
    const deltas: unknown[] = [];
    text.observe((event) => deltas.push(event.delta));
    replaceText(text, 'abXYef');
    expect(text.toString()).toBe('abXYef');
    expect(deltas).toEqual([[{ retain: 2 }, { delete: 2 }, { insert: 'XY' }]]);
    replaceText(text, 'abXYef');
    expect(deltas).toHaveLength(1);
  });

  it('never splits a surrogate pair', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'a😀b');
    replaceText(text, 'a😃b');
    expect(text.toString()).toBe('a😃b');
    replaceText(text, '');
    expect(text.toString()).toBe('');
  });
});
