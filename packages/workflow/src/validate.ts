import { type ExpressionNode, expressionReferences, parseExpression } from './expression';
import { adjacency, findCycles, reachable, reaches } from './graph-algorithms';
import { isNodeType, NODE_TYPE_SPECS, type NodeType } from './node-types';
import type { Problem } from './problems';
import type { Reference } from './references';
import { CONFIG_SCHEMAS, type NodeDefinition, type WorkflowDefinition } from './schemas';
import { malformedReferences, templateReferences } from './template-refs';

/** Config fields that must not be empty for a node of each type to run. */
const REQUIRED_FIELDS: Record<NodeType, readonly string[]> = {
  input: [],
  llm: ['model', 'userPrompt'],
  template: ['template'],
  condition: ['expression'],
  http: ['urlTemplate'],
  code: ['source'],
  merge: [],
  output: ['name'],
};

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function templateTexts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'object' && value !== null)
    return Object.values(value).filter((v) => typeof v === 'string');
  return [];
}

/**
 * Checks one node's config. A config that does not match its schema (a definition that was never parsed) is
 * reported and the type-specific checks are skipped, so validation stays total. Returns the parsed config
 * (null when invalid) and the condition's AST when it parses.
 */
function checkConfig(
  node: NodeDefinition,
  problems: Problem[],
): { config: NodeDefinition['config'] | null; ast: ExpressionNode | null } {
  const type = node.type;
  const spec = NODE_TYPE_SPECS[type];
  const nodeId = node.id;
  if (node.typeVersion > spec.typeVersion) {
    problems.push({
      code: 'invalid-config',
      nodeId,
      field: 'typeVersion',
      message: `This ${spec.label} node has version ${node.typeVersion}; this Tandem supports up to ${spec.typeVersion}.`,
    });
  }
  const parsed = CONFIG_SCHEMAS[type].safeParse(node.config);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({
        code: 'invalid-config',
        nodeId,
        field: issue.path.map(String).join('.'),
        message: issue.message,
      });
    }
  }
  const raw: unknown = node.config;
  const config = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  for (const field of REQUIRED_FIELDS[type]) {
    if (isEmpty(config[field])) {
      problems.push({ code: 'missing-config', nodeId, field, message: `${spec.label} needs a ${field}.` });
    }
  }
  if (!parsed.success) return { config: null, ast: null };
  const checked = { ...node, config: parsed.data } as NodeDefinition;
  for (const field of spec.templateFields) {
    for (const text of templateTexts((checked.config as Record<string, unknown>)[field])) {
      for (const written of malformedReferences(text)) {
        problems.push({
          code: 'invalid-config',
          nodeId,
          field,
          message: `Malformed reference ${written}: write {{inputs.<name>}} or {{nodes.<id>.output.<field>}}, closed by }}.`,
        });
      }
    }
  }
  if (checked.type === 'input') {
    const seen = new Set<string>();
    for (const field of checked.config.fields) {
      if (seen.has(field.name)) {
        problems.push({
          code: 'invalid-config',
          nodeId,
          field: 'fields',
          message: `Input field "${field.name}" is declared twice.`,
        });
      }
      seen.add(field.name);
    }
  }
  if (checked.type === 'condition' && !isEmpty(checked.config.expression)) {
    const result = parseExpression(checked.config.expression);
    if (result.ok) return { config: checked.config, ast: result.ast };
    const { message, line, column } = result.error;
    problems.push({
      code: 'invalid-config',
      nodeId,
      field: 'expression',
      message: `Invalid expression at line ${line}, column ${column}: ${message}`,
    });
  }
  return { config: checked.config, ast: null };
}

/**
 * Every reason a definition cannot run: duplicate ids, unknown node types, invalid or missing config
 * (including malformed `{{…}}` references and output names used twice), edges to missing nodes or handles,
 * cycles, references to nodes that are not upstream or do not exist, no input or output, and outputs that no
 * input reaches. Pure and total: never throws, even on a definition whose configs were never parsed.
 */
export function validate(definition: WorkflowDefinition): Problem[] {
  const problems: Problem[] = [];
  const nodes = new Map<string, NodeDefinition>();
  for (const node of definition.nodes) {
    if (nodes.has(node.id)) {
      problems.push({
        code: 'duplicate-id',
        nodeId: node.id,
        message: `Two nodes share the id "${node.id}".`,
      });
      continue;
    }
    if (!isNodeType(node.type)) {
      problems.push({
        code: 'unknown-node-type',
        nodeId: node.id,
        message: `Unknown node type "${String(node.type)}".`,
      });
      continue;
    }
    nodes.set(node.id, node);
  }

  const expressions = new Map<string, ExpressionNode>();
  /** Nodes whose config matches its schema; only these are read field by field below. */
  const checked = new Map<string, NodeDefinition>();
  for (const node of nodes.values()) {
    const { config, ast } = checkConfig(node, problems);
    if (config) checked.set(node.id, { ...node, config } as NodeDefinition);
    if (ast) expressions.set(node.id, ast);
  }
  const outputNames = new Map<string, string[]>();
  for (const node of checked.values()) {
    if (node.type !== 'output' || isEmpty(node.config.name)) continue;
    outputNames.set(node.config.name, [...(outputNames.get(node.config.name) ?? []), node.id]);
  }
  for (const [name, ids] of outputNames) {
    if (ids.length < 2) continue;
    for (const nodeId of ids) {
      problems.push({
        code: 'invalid-config',
        nodeId,
        field: 'name',
        message: `Output name "${name}" is used by ${ids.length} output nodes; a run result needs unique names.`,
      });
    }
  }

  const edgeIds = new Set<string>();
  const links: [string, string][] = [];
  for (const edge of definition.edges) {
    if (edgeIds.has(edge.id)) {
      problems.push({
        code: 'duplicate-id',
        edgeId: edge.id,
        message: `Two edges share the id "${edge.id}".`,
      });
      continue;
    }
    edgeIds.add(edge.id);
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source || !target) {
      const missing = source ? edge.target : edge.source;
      problems.push({
        code: 'edge-missing-node',
        edgeId: edge.id,
        message: `Edge ${edge.id} points to a missing node "${missing}".`,
      });
      continue;
    }
    if (!NODE_TYPE_SPECS[source.type].outputs.includes(edge.sourceHandle)) {
      problems.push({
        code: 'invalid-handle',
        edgeId: edge.id,
        nodeId: source.id,
        message: `${NODE_TYPE_SPECS[source.type].label} node "${source.id}" has no output "${edge.sourceHandle}".`,
      });
      continue;
    }
    if (!NODE_TYPE_SPECS[target.type].inputs.includes(edge.targetHandle)) {
      problems.push({
        code: 'invalid-handle',
        edgeId: edge.id,
        nodeId: target.id,
        message: `${NODE_TYPE_SPECS[target.type].label} node "${target.id}" has no input "${edge.targetHandle}".`,
      });
      continue;
    }
    links.push([edge.source, edge.target]);
  }

  const { forward, backward } = adjacency([...nodes.keys()], links);
  for (const cycle of findCycles(forward)) {
    for (const nodeId of cycle) {
      problems.push({
        code: 'cycle',
        nodeId,
        message: `Node "${nodeId}" is part of a cycle: ${cycle.join(', ')}.`,
      });
    }
  }

  const declaredInputs = new Set<string>();
  for (const node of checked.values()) {
    if (node.type === 'input') for (const field of node.config.fields) declaredInputs.add(field.name);
  }
  for (const node of checked.values()) {
    // A template naming the same missing input twice is one problem, not two.
    const reported = new Set<string>();
    const report = (problem: Problem) => {
      const key = `${problem.code}\u0000${problem.field ?? ''}\u0000${problem.message}`;
      if (reported.has(key)) return;
      reported.add(key);
      problems.push(problem);
    };
    const check = (reference: Reference, field: string) => {
      if (reference.kind === 'input') {
        if (!declaredInputs.has(reference.name)) {
          report({
            code: 'unknown-reference',
            nodeId: node.id,
            field,
            message: `No input node declares "${reference.name}".`,
          });
        }
      } else if (!nodes.has(reference.nodeId)) {
        report({
          code: 'unknown-reference',
          nodeId: node.id,
          field,
          message: `There is no node "${reference.nodeId}".`,
        });
      } else if (reference.nodeId === node.id || !reaches(backward, node.id, reference.nodeId)) {
        report({
          code: 'reference-not-upstream',
          nodeId: node.id,
          field,
          message: `"${reference.nodeId}" is not upstream of this node, so its output is not available here.`,
        });
      }
    };
    const config = node.config as Record<string, unknown>;
    for (const field of NODE_TYPE_SPECS[node.type].templateFields) {
      for (const text of templateTexts(config[field]))
        for (const reference of templateReferences(text)) check(reference, field);
    }
    const ast = expressions.get(node.id);
    if (ast) for (const reference of expressionReferences(ast)) check(reference, 'expression');
  }

  const inputs = [...nodes.values()].filter((node) => node.type === 'input').map((node) => node.id);
  const outputs = [...nodes.values()].filter((node) => node.type === 'output').map((node) => node.id);
  if (inputs.length === 0) problems.push({ code: 'no-input', message: 'The workflow has no input node.' });
  if (outputs.length === 0) problems.push({ code: 'no-output', message: 'The workflow has no output node.' });
  if (inputs.length > 0) {
    const fromInputs = reachable(forward, inputs);
    for (const id of outputs) {
      if (!fromInputs.has(id)) {
        problems.push({
          code: 'output-unreachable',
          nodeId: id,
          message: `Output "${id}" is not connected to any input.`,
        });
      }
    }
  }
  return problems;
}
