/** Something a template or expression reads: a run input, or (a path into) an upstream node's output. */
export type Reference = { kind: 'input'; name: string } | { kind: 'node'; nodeId: string; path: string[] };

const INPUT_REF = /^inputs\.([A-Za-z_][A-Za-z0-9_]*)$/;
const NODE_REF = /^nodes\.([A-Za-z0-9_-]{1,64})\.output((?:\.[A-Za-z0-9_-]+)*)$/;

/** Parses `inputs.x` or `nodes.<id>.output(.field)*`; null when `text` is neither. */
export function parseReference(text: string): Reference | null {
  const input = INPUT_REF.exec(text);
  if (input?.[1] !== undefined) return { kind: 'input', name: input[1] };
  const node = NODE_REF.exec(text);
  if (node?.[1] !== undefined) {
    const rest = node[2] ?? '';
    return { kind: 'node', nodeId: node[1], path: rest === '' ? [] : rest.slice(1).split('.') };
  }
  return null;
}

/** The text of a reference as written in a prompt (without braces); the inverse of {@link parseReference}. */
export function formatReference(reference: Reference): string {
  return reference.kind === 'input'
    ? `inputs.${reference.name}`
    : ['nodes', reference.nodeId, 'output', ...reference.path].join('.');
}
