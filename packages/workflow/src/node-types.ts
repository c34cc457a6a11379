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
};

export const NODE_TYPE_SPECS: Record<NodeType, NodeTypeSpec> = {
  input: {
    label: 'Input',
    description: 'Declares the fields a run receives.',
    typeVersion: 1,
    inputs: [],
    outputs: ['out'],
    promptFields: [],
  },
  llm: {
    label: 'LLM',
    description: 'Calls a language model with a system prompt and a user prompt template.',
    typeVersion: 1,
    inputs: ['in'],
    outputs: ['out'],
    promptFields: ['systemPrompt', 'userPrompt'],
  },
  template: {
    label: 'Template',
    description: 'Renders a string template over the run inputs and upstream outputs.',
    typeVersion: 1,
    inputs: ['in'],
    outputs: ['out'],
    promptFields: ['template'],
  },
  condition: {
    label: 'Condition',
    description: 'Evaluates an expression over upstream outputs and continues on the true or false branch.',
    typeVersion: 1,
    inputs: ['in'],
    outputs: ['true', 'false'],
    promptFields: ['expression'],
  },
  http: {
    label: 'HTTP request',
    description: 'Sends an HTTP request built from templates.',
    typeVersion: 1,
    inputs: ['in'],
    outputs: ['out'],
    promptFields: ['urlTemplate', 'bodyTemplate'],
  },
  code: {
    label: 'Code',
    description: 'Runs a JavaScript function in a sandbox.',
    typeVersion: 1,
    inputs: ['in'],
    outputs: ['out'],
    promptFields: ['source'],
  },
  merge: {
    label: 'Merge',
    description: 'Waits for its incoming branches and combines their outputs.',
    typeVersion: 1,
    inputs: ['in'],
    outputs: ['out'],
    promptFields: [],
  },
  output: {
    label: 'Output',
    description: 'Names a result of the run.',
    typeVersion: 1,
    inputs: ['in'],
    outputs: [],
    promptFields: [],
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
