/** Every node type a workflow may contain, in palette order. */
export const NODE_TYPES = [
  'input',
  'llm',
  'template',
  'condition',
  'http',
  'code',
  'merge',
  'output',
] as const;

export type NodeType = (typeof NODE_TYPES)[number];

/** What the canvas and the engine need to know about a node type besides its config schema. */
export type NodeTypeSpec = {
  label: string;
  description: string;
  /** Bumped when a type's config changes meaning; stored on every node. */
  typeVersion: number;
  /** Target handles (edges end here). */
  inputs: readonly string[];
  /** Source handles (edges start here). */
  outputs: readonly string[];
  /** Config fields stored as Y.Text so several people can type in them at once. */
  promptFields: readonly string[];
  /**
   * Config fields whose text is a template: `{{…}}` references are substituted at run time (each value of a
   * record field, such as HTTP headers, is a template).
   */
  templateFields: readonly string[];
};

export const NODE_TYPE_SPECS: Record<NodeType, NodeTypeSpec> = {
  input: {
    label: 'Input',
    description: 'Declares the fields a run receives.',
    typeVersion: 1,
    inputs: [],
    outputs: ['out'],
    promptFields: [],
    templateFields: [],
  },
  llm: {
    label: 'LLM',
    description: 'Calls a language model with a system prompt and a user prompt template.',
    typeVersion: 1,
    inputs: ['in'],
    outputs: ['out'],
    promptFields: ['systemPrompt', 'userPrompt'],
    templateFields: ['systemPrompt', 'userPrompt'],
  },
  template: {
    label: 'Template',
    description: 'Renders a string template over the run inputs and upstream outputs.',
    typeVersion: 1,
    inputs: ['in'],
    outputs: ['out'],
    promptFields: ['template'],
    templateFields: ['template'],
  },
  condition: {
    label: 'Condition',
    description: 'Evaluates an expression over upstream outputs and continues on the true or false branch.',
    typeVersion: 1,
    inputs: ['in'],
    outputs: ['true', 'false'],
    promptFields: ['expression'],
    templateFields: [],
  },
  http: {
    label: 'HTTP request',
    description: 'Sends an HTTP request built from templates.',
    typeVersion: 1,
    inputs: ['in'],
    outputs: ['out'],
    promptFields: ['urlTemplate', 'bodyTemplate'],
    templateFields: ['urlTemplate', 'bodyTemplate', 'headers'],
  },
  code: {
    label: 'Code',
    description: 'Runs a JavaScript function in a sandbox.',
    typeVersion: 1,
    inputs: ['in'],
    outputs: ['out'],
    promptFields: ['source'],
    templateFields: [],
  },
  merge: {
    label: 'Merge',
    description: 'Waits for its incoming branches and combines their outputs.',
    typeVersion: 1,
    inputs: ['in'],
    outputs: ['out'],
    promptFields: [],
    templateFields: [],
  },
  output: {
    label: 'Output',
    description: 'Names a result of the run.',
    typeVersion: 1,
    inputs: ['in'],
    outputs: [],
    promptFields: [],
    templateFields: [],
  },
};

/** Narrows an arbitrary string (e.g. read from a doc) to a known node type. */
export function isNodeType(value: unknown): value is NodeType {
  return typeof value === 'string' && (NODE_TYPES as readonly string[]).includes(value);
}

/** True when `field` is stored as Y.Text for nodes of `type`. */
export function isPromptField(type: string, field: string): boolean {
  return isNodeType(type) && NODE_TYPE_SPECS[type].promptFields.includes(field);
}

/** How a config field's text is read: references in `{{…}}`, an expression, JavaScript, or plain text. */
export type FieldSyntax = 'template' | 'expression' | 'code' | 'text';

/**
 * The syntax of a config field: what may reference run inputs and upstream outputs, and how. Unknown types
 * and fields read as plain text.
 */
export function fieldSyntax(type: string, field: string): FieldSyntax {
  if (!isNodeType(type)) return 'text';
  if (NODE_TYPE_SPECS[type].templateFields.includes(field)) return 'template';
  if (type === 'condition' && field === 'expression') return 'expression';
  if (type === 'code' && field === 'source') return 'code';
  return 'text';
}

/** Labels that the generic rule of {@link fieldLabel} would get wrong (acronyms, units). */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  urlTemplate: 'URL',
  bodyTemplate: 'Body',
  jsonMode: 'JSON mode',
  timeoutMs: 'Timeout (ms)',
  maxTokens: 'Max tokens',
};

/** The human name of a config field, for forms and messages: "systemPrompt" → "System prompt". */
export function fieldLabel(field: string): string {
  const known = FIELD_LABELS[field];
  if (known) return known;
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
