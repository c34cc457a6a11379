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
