import { formatReference, type Reference } from '@tandem/workflow';
import { NodeFailure } from './errors';

/** What templates, expressions and code nodes can read: the run inputs and the outputs of finished nodes. */
export type Scope = {
  inputs: Readonly<Record<string, unknown>>;
  outputs: ReadonlyMap<string, unknown>;
  /** Nodes skipped by a condition; referencing one is an error that says so. */
  skipped: ReadonlySet<string>;
};

function fail(reference: Reference, why: string): never {
  throw new NodeFailure('user', `Cannot resolve {{${formatReference(reference)}}}: ${why}`);
}

/**
 * The value a reference names. Throws a user `NodeFailure` naming the reference when it is missing, so a
 * prompt never silently receives "undefined". An optional input that was not given resolves to null.
 */
export function resolveReference(reference: Reference, scope: Scope): unknown {
  if (reference.kind === 'input') {
    if (!Object.hasOwn(scope.inputs, reference.name))
      fail(reference, `the run has no input "${reference.name}".`);
    return scope.inputs[reference.name];
  }
  const { nodeId, path } = reference;
  if (!scope.outputs.has(nodeId)) {
    fail(
      reference,
      scope.skipped.has(nodeId)
        ? `node "${nodeId}" was skipped by a condition.`
        : `node "${nodeId}" has no output (it has not run before this node).`,
    );
  }
  let value: unknown = scope.outputs.get(nodeId);
  let walked = `nodes.${nodeId}.output`;
  for (const field of path) {
    const container = value;
    const has =
      Array.isArray(container) && /^\d+$/.test(field)
        ? Number(field) < container.length
        : typeof container === 'object' && container !== null && Object.hasOwn(container, field);
    if (!has) fail(reference, `${walked} has no field "${field}".`);
    value = (container as Record<string, unknown>)[field];
    walked += `.${field}`;
  }
  return value;
}
