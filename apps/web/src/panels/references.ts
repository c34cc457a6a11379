import {
  type FieldSyntax,
  formatReference,
  type Graph,
  parseExpression,
  parseReference,
  type Reference,
  templatePlaceholders,
} from '@tandem/workflow';

/**
 * How a prompt field's text reads references (`fieldSyntax` in @tandem/workflow): `{{…}}` templates, bare
 * expression paths, or not at all (code, plain text).
 */
export type PromptMode = FieldSyntax;

/** Whether a field of `mode` can reference inputs and outputs (and so offers the reference picker). */
export function readsReferences(mode: PromptMode): boolean {
  return mode === 'template' || mode === 'expression';
}

export type AvailableReference = { path: string; kind: 'input' | 'node'; detail: string };

/**
 * What a node may reference: every declared run input, and the output of every node upstream of it.
 * Linear in the graph size (one backward walk), so it is cheap enough to recompute per render of the panel.
 */
export function availableReferences(graph: Graph, nodeId: string): AvailableReference[] {
  const result: AvailableReference[] = [];
  const seenInputs = new Set<string>();
  for (const node of graph.nodes) {
    if (node.type !== 'input' || !Array.isArray(node.config.fields)) continue;
    for (const field of node.config.fields as unknown[]) {
      const name = (field as { name?: unknown } | null)?.name;
      const type = (field as { type?: unknown } | null)?.type;
      if (typeof name !== 'string' || !name || seenInputs.has(name)) continue;
      seenInputs.add(name);
      result.push({
        path: formatReference({ kind: 'input', name }),
        kind: 'input',
        detail: typeof type === 'string' ? type : '',
      });
    }
  }
  const incoming = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const list = incoming.get(edge.target) ?? [];
    list.push(edge.source);
    incoming.set(edge.target, list);
  }
  const labels = new Map(graph.nodes.map((node) => [node.id, node.label || node.type]));
  const upstream = new Set<string>();
  const stack = [...(incoming.get(nodeId) ?? [])];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (upstream.has(id) || id === nodeId) continue;
    upstream.add(id);
    stack.push(...(incoming.get(id) ?? []));
  }
  for (const id of [...upstream].sort()) {
    result.push({
      path: formatReference({ kind: 'node', nodeId: id, path: [] }),
      kind: 'node',
      detail: labels.get(id) ?? '',
    });
  }
  return result;
}

export type FoundReference = {
  text: string;
  start: number;
  end: number;
  /** Why it will not resolve; null when it is fine. */
  problem: string | null;
};

function checkReference(reference: Reference, available: readonly AvailableReference[], self: string) {
  if (reference.kind === 'input') {
    return available.some((entry) => entry.path === formatReference(reference))
      ? null
      : `No run input named “${reference.name}”.`;
  }
  if (reference.nodeId === self) return 'A node cannot read its own output.';
  const output = formatReference({ kind: 'node', nodeId: reference.nodeId, path: [] });
  return available.some((entry) => entry.path === output)
    ? null
    : `“${reference.nodeId}” is not upstream of this node.`;
}

/** Where a bare path may stand in a condition expression (the expression grammar's reference token). */
const EXPRESSION_PATH = /\b(?:inputs|nodes)(?:\.[A-Za-z0-9_-]+)+/g;

/**
 * The references written in a prompt, with positions (for highlighting) and whether each resolves. Template
 * placeholders that start like a reference but are not one (`{{inputs}}`, an unclosed `{{nodes.a.output`) are
 * flagged, as the validator reports them.
 */
export function findReferences(
  text: string,
  mode: PromptMode,
  available: readonly AvailableReference[],
  self: string,
): FoundReference[] {
  if (mode === 'template') {
    return templatePlaceholders(text).flatMap(({ start, end, inner, reference, malformed }) => {
      if (reference)
        return [{ text: inner, start, end, problem: checkReference(reference, available, self) }];
      return malformed ? [{ text: inner, start, end, problem: 'Not a valid reference.' }] : [];
    });
  }
  if (mode !== 'expression') return [];
  return [...text.matchAll(EXPRESSION_PATH)].map((match) => {
    const reference = parseReference(match[0]);
    return {
      text: match[0],
      start: match.index,
      end: match.index + match[0].length,
      problem: reference ? checkReference(reference, available, self) : 'Not a valid reference.',
    };
  });
}

/** The text inserted for a reference in a field of `mode`. */
export function referenceSnippet(path: string, mode: PromptMode): string {
  return mode === 'template' ? `{{${path}}}` : path;
}

/** The expression parse error of a condition, if any (shown under the editor). */
export function expressionError(text: string): string | null {
  if (text.trim() === '') return null;
  const parsed = parseExpression(text);
  return parsed.ok ? null : parsed.error.message;
}
