import { CONFIG_SCHEMAS, type Graph, type InputField } from '@tandem/workflow';

/** The fields every input node of the draft declares (first declaration of a name wins). */
export function declaredInputs(graph: Graph): InputField[] {
  const fields = new Map<string, InputField>();
  for (const node of graph.nodes) {
    if (node.type !== 'input') continue;
    const config = CONFIG_SCHEMAS.input.safeParse(node.config);
    if (!config.success) continue;
    for (const field of config.data.fields) if (!fields.has(field.name)) fields.set(field.name, field);
  }
  return [...fields.values()];
}

export type InputDraft = Record<string, string | boolean>;

/** A form's initial values: empty text, unchecked boxes. */
export function emptyDraft(fields: readonly InputField[]): InputDraft {
  return Object.fromEntries(fields.map((field) => [field.name, field.type === 'boolean' ? false : '']));
}

/**
 * Turns the form's values into run inputs, typed by each field's declaration; the errors are keyed by field
 * name. Empty optional fields are left out.
 */
export function parseInputs(
  fields: readonly InputField[],
  draft: InputDraft,
): { inputs: Record<string, unknown>; errors: Record<string, string> } {
  const inputs: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = draft[field.name];
    if (field.type === 'boolean') {
      inputs[field.name] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw : '';
    if (text.trim() === '') {
      if (field.required) errors[field.name] = 'Required.';
      continue;
    }
    if (field.type === 'number') {
      const value = Number(text);
      if (Number.isFinite(value)) inputs[field.name] = value;
      else errors[field.name] = 'Enter a number.';
    } else if (field.type === 'json') {
      try {
        inputs[field.name] = JSON.parse(text);
      } catch {
        errors[field.name] = 'Not valid JSON.';
      }
    } else inputs[field.name] = text;
  }
  return { inputs, errors };
}
