import { assertNever, type CompareOperator, type ExpressionNode } from '@tandem/workflow';
import { NodeFailure } from './errors';
import { resolveReference, type Scope } from './scope';

/** JavaScript-like truthiness: false, null, 0, NaN and "" are false; everything else is true. */
function truthy(value: unknown): boolean {
  return Boolean(value);
}

/** Structural equality over JSON values, so `nodes.a.output == nodes.b.output` compares objects by content. */
function equal(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  const leftKeys = Object.keys(left);
  const rightKeys = Object.keys(right);
  if (leftKeys.length !== rightKeys.length) return false;
  return leftKeys.every(
    (key) =>
      Object.hasOwn(right, key) &&
      equal((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key]),
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function order(operator: CompareOperator, left: unknown, right: unknown): boolean {
  // Ordering mixed types (JS would coerce "10" < 9) hides mistakes; only like with like is allowed.
  const comparable =
    (typeof left === 'number' && typeof right === 'number') ||
    (typeof left === 'string' && typeof right === 'string');
  if (!comparable) {
    throw new NodeFailure(
      'user',
      `Cannot use "${operator}" between ${describe(left)} and ${describe(right)}.`,
    );
  }
  const l = left as number | string;
  const r = right as number | string;
  switch (operator) {
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    case '>=':
      return l >= r;
    default:
      throw new NodeFailure('internal', `Not an ordering operator: ${operator}`);
  }
}

/**
 * Evaluates a condition AST from `parseExpression`. A pure tree walk: no JavaScript is ever evaluated.
 * `&&` and `||` short-circuit and yield booleans; references to missing values throw a user `NodeFailure`.
 */
export function evaluateExpression(ast: ExpressionNode, scope: Scope): unknown {
  switch (ast.kind) {
    case 'literal':
      return ast.value;
    case 'reference':
      return resolveReference(ast.reference, scope);
    case 'not':
      return !truthy(evaluateExpression(ast.operand, scope));
    case 'logical': {
      const left = truthy(evaluateExpression(ast.left, scope));
      if (ast.operator === '&&') return left && truthy(evaluateExpression(ast.right, scope));
      return left || truthy(evaluateExpression(ast.right, scope));
    }
    case 'compare': {
      const left = evaluateExpression(ast.left, scope);
      const right = evaluateExpression(ast.right, scope);
      if (ast.operator === '==') return equal(left, right);
      if (ast.operator === '!=') return !equal(left, right);
      return order(ast.operator, left, right);
    }
    default:
      return assertNever(ast);
  }
}

/** The branch a condition takes: the truthiness of its expression's value. */
export function evaluateCondition(ast: ExpressionNode, scope: Scope): boolean {
  return truthy(evaluateExpression(ast, scope));
}
