/** Why a workflow cannot run as it stands. */
export const PROBLEM_CODES = [
  'cycle',
  'edge-missing-node',
  'unknown-node-type',
  'missing-config',
  'invalid-config',
  'reference-not-upstream',
  'unknown-reference',
  'output-unreachable',
  'no-input',
  'no-output',
  'duplicate-id',
  'invalid-handle',
  'schema-version-unsupported',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One problem, pointing at the node, edge and config field at fault where there is one. */
export type Problem = {
  code: ProblemCode;
  message: string;
  nodeId?: string;
  edgeId?: string;
  field?: string;
};
