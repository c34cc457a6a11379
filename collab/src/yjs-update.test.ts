import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { allContainedIn, applyStored } from './yjs-update';

function storedDoc(): Uint8Array[] {
  const source = new Y.Doc();
  source.getMap('nodes').set('a', 1);
  const first = Y.encodeStateAsUpdate(source);
  const before = Y.encodeStateVector(source);
  source.getMap('nodes').set('b', 2);
  return [first, Y.encodeStateAsUpdate(source, before)];
}

describe('applyStored', () => {
  it('loads state and tail without update events, and leaves the listeners working afterwards', () => {
    const doc = new Y.Doc();
    const heard: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => heard.push(update));
    expect(applyStored(doc, storedDoc())).toBe(0);
    expect(doc.getMap('nodes').toJSON()).toEqual({ a: 1, b: 2 });
    expect(heard).toHaveLength(0);
    doc.getMap('nodes').set('c', 3);
    expect(heard).toHaveLength(1);
  });

  it('skips an unreadable stored update, counts it and keeps the rest', () => {
    const doc = new Y.Doc();
    const [first, tail] = storedDoc();
    expect(applyStored(doc, [first as Uint8Array, Uint8Array.of(255, 255, 255), tail as Uint8Array])).toBe(1);
    expect(doc.getMap('nodes').toJSON()).toEqual({ a: 1, b: 2 });
  });
});

describe('allContainedIn', () => {
  it('holds for rows memory has, and not once one row carries an edit or a deletion memory lacks', async () => {
    const memory = new Y.Doc();
    const rows = storedDoc();
    applyStored(memory, rows);
    expect(await allContainedIn(Y.snapshot(memory), rows)).toBe(true);

    const elsewhere = new Y.Doc();
    applyStored(elsewhere, rows);
    const before = Y.encodeStateVector(elsewhere);
    elsewhere.getMap('nodes').set('c', 3);
    const newEdit = Y.encodeStateAsUpdate(elsewhere, before);
    expect(await allContainedIn(Y.snapshot(memory), [...rows, newEdit])).toBe(false);

    // Every struct known, one deletion not: still not within.
    applyStored(memory, [newEdit]);
    expect(await allContainedIn(Y.snapshot(memory), [Y.encodeStateAsUpdate(elsewhere)])).toBe(true);
    elsewhere.getMap('nodes').delete('a');
    expect(await allContainedIn(Y.snapshot(memory), [Y.encodeStateAsUpdate(elsewhere)])).toBe(false);
  });

  it('hands the event loop back between slices, so a live edit need not wait for the whole check', async () => {
    const memory = new Y.Doc();
    const rows = storedDoc();
    applyStored(memory, rows);
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    const check = allContainedIn(Y.snapshot(memory), [...rows, ...rows, ...rows], 0).then((within) =>
      order.push(`check ${within}`),
    );
    await check;
    expect(order).toEqual(['other work', 'check true']);
  });
});
