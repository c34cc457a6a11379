import type { WorkflowDefinition } from '@tandem/workflow';

/**
 * Converts text cells (CSV imports, the table editor) to the type each input field of `definition` declares:
 * "42" for a number field, "true"/"false" for a boolean field, JSON text for a json field. Values already of
 * the right type, and text that does not convert, are left as they are (the run's input check then names the
 * field).
 */
export function coerceInputs(
  definition: WorkflowDefinition,
  raw: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  for (const node of definition.nodes) {
    if (node.type !== 'input') continue;
    for (const field of node.config.fields) {
      const value = out[field.name];
      if (typeof value !== 'string') continue;
      const text = value.trim();
      if (field.type === 'number' && text !== '' && Number.isFinite(Number(text)))
        out[field.name] = Number(text);
      else if (field.type === 'boolean' && /^(true|false)$/i.test(text))
        out[field.name] = text.toLowerCase() === 'true';
      else if (field.type === 'json') {
        try {
          out[field.name] = JSON.parse(text);
        } catch {
          // Not JSON: a JSON string value is still valid for a json field.
        }
      }
    }
  }
  return out;
}
