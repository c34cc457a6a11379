/** Helpers to compare, print and convert the arbitrary JSON-ish values runs produce. */

const PREVIEW_CHARS = 80;

/** A short, readable rendering of a value for a result's `detail`: JSON, cut to ~80 characters. */
export function preview(value: unknown, max = PREVIEW_CHARS): string {
  let text: string;
  try {
    text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return truncate(text, max);
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A value as text: strings as they are, anything else as JSON. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value) ?? String(value);
}

/** JSON with object keys sorted at every depth, so `{a, b}` and `{b, a}` compare equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'undefined';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // toJSON-bearing values (dates) keep their own rendering.
    if (typeof record.toJSON === 'function') return value;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, sortKeys(record[key])]),
    );
  }
  return value;
}

/** The text inside a ```json fence when the whole answer is one, else the text trimmed. */
export function unfence(text: string): string {
  const fenced = /^\s*```[A-Za-z]*[ \t]*\r?\n([\s\S]*?)\r?\n?```\s*$/.exec(text);
  return (fenced?.[1] ?? text).trim();
}

// Thousands separators only in groups of three ("1,234"), so "3,4" reads as 3.
const NUMBER_IN_TEXT = /[-+]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?/;

/** A value read as a number: numbers, numeric strings (" 42.0 ") or the first number in a text. */
export function parseNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const whole = Number(trimmed);
  if (Number.isFinite(whole)) return whole;
  const match = NUMBER_IN_TEXT.exec(trimmed.slice(0, 10_000));
  if (!match) return null;
  const found = Number(match[0].replaceAll(',', ''));
  return Number.isFinite(found) ? found : null;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
