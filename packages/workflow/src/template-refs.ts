import { parseReference, type Reference } from './references';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * The references in a template's `{{ … }}` placeholders: `{{inputs.x}}` and `{{nodes.<id>.output(.path)*}}`,
 * in order of appearance. Placeholders that are not references are ignored here (the engine renders them
 * literally).
 */
export function templateReferences(text: string): Reference[] {
  const references: Reference[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const reference = parseReference(match[1] ?? '');
    if (reference) references.push(reference);
  }
  return references;
}

const REFERENCE_LIKE = /^(?:inputs|nodes)\b/;
const SNIPPET_CHARS = 40;

/**
 * Placeholders that start like a reference (`{{inputs…`, `{{ nodes…`) but are not one: a typo such as
 * `{{nodes.a.output.}}` or `{{inputs}}`, or a `{{` never closed by `}}`. The engine would render them literally,
 * so a validator reports them instead of letting the reference silently not resolve. Returns each as written.
 */
export function malformedReferences(text: string): string[] {
  const malformed: string[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open < 0) return malformed;
    const close = text.indexOf('}}', open + 2);
    const reopen = text.indexOf('{{', open + 2);
    const closed = close >= 0 && (reopen < 0 || close < reopen);
    const end = closed ? close : reopen >= 0 ? reopen : text.length;
    const inner = text.slice(open + 2, end).trim();
    if (REFERENCE_LIKE.test(inner) && (!closed || !parseReference(inner))) {
      const written = text.slice(open, closed ? close + 2 : end).trimEnd();
      malformed.push(written.length > SNIPPET_CHARS ? `${written.slice(0, SNIPPET_CHARS - 1)}…` : written);
    }
    from = closed ? close + 2 : end;
  }
}
