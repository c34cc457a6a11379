import type { NodeType } from '@tandem/workflow';

/** What each node card shows of its config: small, display-ready and typed per node type. */
export type NodeSummaries = {
  input: { fields: { name: string; type: string; required: boolean }[] };
  llm: { provider: string; model: string; prompt: string; temperature: number | null; jsonMode: boolean };
  template: { template: string };
  condition: { expression: string };
  http: { method: string; url: string };
  code: { source: string; lineCount: number };
  merge: { mode: string };
  output: { name: string };
};

type Config = Readonly<Record<string, unknown>>;

/** The preview length of prompts, templates and code shown on a card. */
const PREVIEW_CHARS = 90;

/** Reads a text field whether it arrives as a string or as a shared text type (anything with a string form). */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (
    value !== null &&
    typeof value === 'object' &&
    'toJSON' in value &&
    typeof value.toJSON === 'function'
  ) {
    const json: unknown = value.toJSON();
    if (typeof json === 'string') return json;
  }
  return '';
}

/** Collapses whitespace and cuts to `max` characters with an ellipsis. */
function preview(text: string, max = PREVIEW_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function numberOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function inputFields(value: unknown): NodeSummaries['input']['fields'] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((field: unknown) => {
    if (field === null || typeof field !== 'object') return [];
    const record = field as Record<string, unknown>;
    const name = textOf(record.name);
    return name ? [{ name, type: textOf(record.type) || 'string', required: record.required === true }] : [];
  });
}

/** One summariser per node type; each tolerates missing or malformed fields (the doc may be mid-edit). */
export const SUMMARISERS: { readonly [T in NodeType]: (config: Config) => NodeSummaries[T] } = {
  input: (config) => ({ fields: inputFields(config.fields) }),
  llm: (config) => ({
    provider: textOf(config.provider),
    model: textOf(config.model),
    prompt: preview(textOf(config.userPrompt) || textOf(config.systemPrompt)),
    temperature: numberOf(config.temperature),
    jsonMode: config.jsonMode === true,
  }),
  template: (config) => ({ template: preview(textOf(config.template)) }),
  condition: (config) => ({ expression: preview(textOf(config.expression)) }),
  http: (config) => ({
    method: textOf(config.method).toUpperCase() || 'GET',
    url: preview(textOf(config.urlTemplate), 60),
  }),
  code: (config) => {
    const source = textOf(config.source);
    const lines = source.split('\n').filter((line) => line.trim() !== '');
    return { source: lines.slice(0, 3).join('\n'), lineCount: lines.length };
  },
  merge: (config) => ({ mode: textOf(config.mode) || 'object' }),
  output: (config) => ({ name: textOf(config.name) }),
};
