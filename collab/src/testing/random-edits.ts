import { addNode, connect, moveNode, promptText, removeNode, setConfig } from '@tandem/workflow';
import * as Y from 'yjs';

/** mulberry32: a tiny seedable PRNG, so a failing run can be replayed from its printed seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T | undefined =>
  items[Math.floor(random() * items.length)];

function nodeIds(doc: Y.Doc, type?: string): string[] {
  const ids: string[] = [];
  for (const [id, node] of doc.getMap<unknown>('nodes').entries()) {
    if (type === undefined || (node instanceof Y.Map && node.get('type') === type)) ids.push(id);
  }
  return ids;
}

/**
 * One random edit through the workflow accessors. `unique` names what this edit adds (node id or text
 * marker), so an oracle can check that every edit is present exactly once.
 */
export function randomEdit(
  doc: Y.Doc,
  random: () => number,
  unique: string,
  options: { deletions: boolean },
): { kind: 'node' | 'text' | 'other'; unique: string } {
  const roll = random();
  if (roll < 0.35 || nodeIds(doc).length < 2) {
    const type = pick(random, ['input', 'llm', 'template', 'output'] as const) ?? 'llm';
    addNode(doc, {
      id: unique,
      type,
      position: { x: Math.round(random() * 1000), y: Math.round(random() * 1000) },
    });
    return { kind: 'node', unique };
  }
  if (roll < 0.6) {
    const llm = pick(random, nodeIds(doc, 'llm'));
    const text = llm ? promptText(doc, llm, 'userPrompt') : null;
    if (text) {
      // Only between markers, so a marker is never split and each can be counted afterwards.
      const content = text.toString();
      const boundaries = [0, ...[...content.matchAll(/\]/g)].map((match) => (match.index ?? 0) + 1)];
      text.insert(pick(random, boundaries) ?? 0, `[${unique}]`);
      return { kind: 'text', unique };
    }
  }
  const id = pick(random, nodeIds(doc));
  if (!id) return { kind: 'other', unique };
  if (roll < 0.75) moveNode(doc, id, { x: Math.round(random() * 1000), y: Math.round(random() * 1000) });
  else if (roll < 0.85) {
    const llm = pick(random, nodeIds(doc, 'llm'));
    if (llm) setConfig(doc, llm, 'temperature', Math.round(random() * 20) / 10);
  } else if (roll < 0.93 || !options.deletions) {
    const target = pick(random, nodeIds(doc));
    if (target) connect(doc, { source: id, target });
  } else removeNode(doc, id);
  return { kind: 'other', unique };
}

/** Every `[marker]` in every prompt text of the document, with its number of occurrences. */
export function textMarkers(doc: Y.Doc): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of nodeIds(doc, 'llm')) {
    const text = promptText(doc, id, 'userPrompt')?.toString() ?? '';
    for (const match of text.matchAll(/\[([^\]]+)\]/g)) {
      const marker = match[1] ?? '';
      counts.set(marker, (counts.get(marker) ?? 0) + 1);
    }
  }
  return counts;
}

/** JSON with object keys sorted: Y.Map iteration order depends on the order a replica integrated items. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The graph's roots as plain JSON (a fresh load knows root names only once they are asked for as maps). */
export function graphJson(doc: Y.Doc): string {
  return canonicalJson(
    Object.fromEntries(['meta', 'nodes', 'edges'].map((root) => [root, doc.getMap(root).toJSON()])),
  );
}

/** Cheap convergence test for polling: same state vectors (the content check is too costly to poll). */
export function sameStateVectors(docs: readonly Y.Doc[]): boolean {
  const vectors = docs.map((doc) => Y.encodeStateVector(doc).toString());
  return vectors.every((vector) => vector === vectors[0]);
}

/** The strict oracle: same content, same state vectors, nothing pending. */
export function assertSameDocs(docs: readonly Y.Doc[]): string | null {
  const [first, ...rest] = docs;
  if (!first) return null;
  const json = graphJson(first);
  const vector = Y.encodeStateVector(first).toString();
  for (const [index, doc] of docs.entries()) {
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null)
      return `doc ${index} has pending structs`;
  }
  for (const [index, doc] of rest.entries()) {
    if (graphJson(doc) !== json) return `doc ${index + 1} differs in content`;
    if (Y.encodeStateVector(doc).toString() !== vector) return `doc ${index + 1} differs in state vector`;
  }
  return null;
}
