import { templatePlaceholders } from '@tandem/workflow';
import { resolveReference, type Scope } from './scope';

export type RenderOptions = {
  /** Applied to each substituted value, e.g. `encodeURIComponent` for URL templates. */
  encode?: (text: string) => string;
};

/** How a value reads inside text: strings as-is, null as empty, objects and arrays as JSON. */
export function stringifyValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Replaces `{{inputs.x}}` and `{{nodes.<id>.output(.field)*}}` with their values. A placeholder that is not
 * a reference stays as written (validation reports those); a reference to a missing value throws a user
 * `NodeFailure` naming the reference.
 */
export function renderTemplate(text: string, scope: Scope, options: RenderOptions = {}): string {
  let rendered = '';
  let from = 0;
  for (const { start, end, reference } of templatePlaceholders(text)) {
    if (!reference) continue;
    const value = stringifyValue(resolveReference(reference, scope));
    rendered += text.slice(from, start) + (options.encode ? options.encode(value) : value);
    from = end;
  }
  return rendered + text.slice(from);
}
