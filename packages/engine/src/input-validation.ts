import type { InputField, WorkflowDefinition } from '@tandem/workflow';

export type InputValidationResult =
  | { ok: true; inputs: Record<string, unknown> }
  | { ok: false; field: string; message: string };

function isJsonValue(value: unknown, depth = 0): boolean {
  if (depth > 100) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJsonValue(item, depth + 1));
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    return (
      (proto === Object.prototype || proto === null) &&
      Object.values(value).every((item) => isJsonValue(item, depth + 1))
    );
  }
  return false;
}

function typeMatches(field: InputField, value: unknown): boolean {
  switch (field.type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'json':
      return isJsonValue(value);
  }
}

/**
 * Checks run inputs against every `input` node's declared fields (type, required). Undeclared keys are
 * dropped (nothing can reference them); an optional field that was not given becomes null, so
 * `{{inputs.x}}` renders empty and `inputs.x == null` works in a condition.
 */
export function validateInputs(
  definition: WorkflowDefinition,
  raw: Record<string, unknown>,
): InputValidationResult {
  const inputs: Record<string, unknown> = {};
  for (const node of definition.nodes) {
    if (node.type !== 'input') continue;
    for (const field of node.config.fields) {
      const value = Object.hasOwn(raw, field.name) ? raw[field.name] : undefined;
      if (value === undefined || value === null) {
        if (field.required) {
          return { ok: false, field: field.name, message: `Input "${field.name}" is required.` };
        }
        inputs[field.name] = null;
        continue;
      }
      if (!typeMatches(field, value)) {
        return {
          ok: false,
          field: field.name,
          message: `Input "${field.name}" must be ${field.type === 'json' ? 'a JSON value' : `a ${field.type}`}.`,
        };
      }
      inputs[field.name] = value;
    }
  }
  return { ok: true, inputs };
}
