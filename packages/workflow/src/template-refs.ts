import { parseReference, type Reference } from './references';

/** One `{{ … }}` placeholder of a template, as {@link templatePlaceholders} finds it. */
export type TemplatePlaceholder = {
  /** Offset of the opening `{{`. */
  start: number;
  /**
   * Offset just past the closing `}}`; for a placeholder never closed, where it stops (before the next `{{`,
   * or the end of the text), trailing whitespace excluded.
   */
  end: number;
  /** The text between the braces, trimmed. */
  inner: string;
  /** The reference it names; null when it is not one or is not closed (the engine renders it literally). */
  reference: Reference | null;
  /**
   * Starts like a reference (`{{inputs…`, `{{ nodes…`) but is not one: a typo such as `{{nodes.a.output.}}`
   * or `{{inputs}}`, or a `{{` never closed by `}}`. Validation reports these; editors flag them.
   */
  malformed: boolean;
};

const REFERENCE_LIKE = /^(?:inputs|nodes)\b/;

/**
 * Every `{{` of a template, in order: the single grammar the validator, the engine (which substitutes
 * `reference`s and leaves everything else as written) and editors (which highlight by offset) share.
 * A placeholder's inner text holds no `{{`: in `{{ a {{inputs.x}}` the first `{{` is an unclosed placeholder
 * and the second a reference; in `{{{inputs.x}}}` the placeholder starts at the second brace.
 */
export function templatePlaceholders(text: string): TemplatePlaceholder[] {
  const placeholders: TemplatePlaceholder[] = [];
  let from = 0;
  for (;;) {
    let start = text.indexOf('{{', from);
    if (start < 0) return placeholders;
    // In a run of braces the placeholder opens at the last `{{`: `{{{inputs.x}}}` is `{` + a reference + `}`.
    while (text.startsWith('{', start + 2)) start++;
    const close = text.indexOf('}}', start + 2);
    const reopen = text.indexOf('{{', start + 2);
    const closed = close >= 0 && (reopen < 0 || close < reopen);
    const stop = closed ? close : reopen >= 0 ? reopen : text.length;
    const inner = text.slice(start + 2, stop).trim();
    const reference = closed ? parseReference(inner) : null;
    placeholders.push({
      start,
      end: closed ? close + 2 : start + text.slice(start, stop).trimEnd().length,
      inner,
      reference,
      malformed: reference === null && REFERENCE_LIKE.test(inner),
    });
    from = closed ? close + 2 : stop;
  }
}

/**
 * The references in a template's `{{ … }}` placeholders: `{{inputs.x}}` and `{{nodes.<id>.output(.path)*}}`,
 * in order of appearance. Placeholders that are not references are ignored here (the engine renders them
 * literally).
 */
export function templateReferences(text: string): Reference[] {
  return templatePlaceholders(text).flatMap((placeholder) =>
    placeholder.reference ? [placeholder.reference] : [],
  );
}

const SNIPPET_CHARS = 40;

/**
 * The {@link TemplatePlaceholder.malformed} placeholders of a template, each as written (cut to 40
 * characters), for validation messages: the engine would render them literally, so a validator reports them
 * instead of letting the reference silently not resolve.
 */
export function malformedReferences(text: string): string[] {
  return templatePlaceholders(text).flatMap(({ start, end, malformed }) => {
    if (!malformed) return [];
    const written = text.slice(start, end);
    return [written.length > SNIPPET_CHARS ? `${written.slice(0, SNIPPET_CHARS - 1)}…` : written];
  });
}
