import { parseReference, type Reference } from './references';

/**
 * The condition expression language: a tiny, side-effect-free grammar (never evaluated as JavaScript).
 *
 *   expr    := and ('||' and)*
 *   and     := compare ('&&' compare)*
 *   compare := unary (('==' | '!=' | '<' | '<=' | '>' | '>=') unary)?      (not chainable)
 *   unary   := '!' unary | primary
 *   primary := '(' expr ')' | string | number | 'true' | 'false' | 'null'
 *            | 'inputs.' name | 'nodes.' id '.output' ('.' field)*
 *
 * Strings use single or double quotes with \\ escapes (\n, \t, \\, \", \'). Offsets are UTF-16 indices.
 */
export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type ExpressionNode =
  | { kind: 'literal'; value: string | number | boolean | null; start: number; end: number }
  | { kind: 'reference'; reference: Reference; start: number; end: number }
  | { kind: 'not'; operand: ExpressionNode; start: number; end: number }
  | {
      kind: 'compare';
      operator: CompareOperator;
      left: ExpressionNode;
      right: ExpressionNode;
      start: number;
      end: number;
    }
  | {
      kind: 'logical';
      operator: '&&' | '||';
      left: ExpressionNode;
      right: ExpressionNode;
      start: number;
      end: number;
    };

/** Where and why an expression does not parse; `line` and `column` are 1-based. */
export type ExpressionError = { message: string; offset: number; line: number; column: number };

export type ParseExpressionResult = { ok: true; ast: ExpressionNode } | { ok: false; error: ExpressionError };

const MAX_LENGTH = 10_000;
const MAX_DEPTH = 100;

class ParseFailure {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

const COMPARE_OPERATORS: readonly CompareOperator[] = ['==', '!=', '<=', '>=', '<', '>'];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" };

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly src: string) {}

  parse(): ExpressionNode {
    this.skipSpace();
    if (this.pos >= this.src.length) throw new ParseFailure('The expression is empty.', 0);
    const ast = this.parseOr();
    this.skipSpace();
    if (this.pos < this.src.length) throw new ParseFailure(`Unexpected "${this.src[this.pos]}".`, this.pos);
    return ast;
  }

  private skipSpace(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos] ?? '')) this.pos++;
  }

  private peek(text: string): boolean {
    return this.src.startsWith(text, this.pos);
  }

  private parseOr(): ExpressionNode {
    let left = this.parseAnd();
    for (;;) {
      this.skipSpace();
      if (!this.peek('||')) return left;
      this.pos += 2;
      const right = this.parseAnd();
      left = { kind: 'logical', operator: '||', left, right, start: left.start, end: right.end };
    }
  }

  private parseAnd(): ExpressionNode {
    let left = this.parseCompare();
    for (;;) {
      this.skipSpace();
      if (!this.peek('&&')) return left;
      this.pos += 2;
      const right = this.parseCompare();
      left = { kind: 'logical', operator: '&&', left, right, start: left.start, end: right.end };
    }
  }

  private compareOperator(): CompareOperator | null {
    this.skipSpace();
    return COMPARE_OPERATORS.find((operator) => this.peek(operator)) ?? null;
  }

  private parseCompare(): ExpressionNode {
    const left = this.parseUnary();
    const operator = this.compareOperator();
    if (!operator) {
      if (this.peek('=')) throw new ParseFailure('Use "==" to compare.', this.pos);
      if (this.peek('&') && !this.peek('&&')) throw new ParseFailure('Use "&&" for "and".', this.pos);
      if (this.peek('|') && !this.peek('||')) throw new ParseFailure('Use "||" for "or".', this.pos);
      return left;
    }
    this.pos += operator.length;
    if (this.peek('=')) throw new ParseFailure('Use "==" or "!=" (there is no "===").', this.pos);
    const right = this.parseUnary();
    const chained = this.compareOperator();
    if (chained) throw new ParseFailure('Comparisons cannot be chained; use && and parentheses.', this.pos);
    return { kind: 'compare', operator, left, right, start: left.start, end: right.end };
  }

  private parseUnary(): ExpressionNode {
    this.skipSpace();
    if (this.peek('!') && !this.peek('!=')) {
      const start = this.pos;
      this.pos++;
      const operand = this.nested(() => this.parseUnary());
      return { kind: 'not', operand, start, end: operand.end };
    }
    return this.parsePrimary();
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new ParseFailure('The expression is nested too deeply.', this.pos);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private parsePrimary(): ExpressionNode {
    this.skipSpace();
    const start = this.pos;
    const char = this.src[this.pos];
    if (char === undefined) throw new ParseFailure('The expression ends too early; expected a value.', start);
    if (char === '(') {
      this.pos++;
      const inner = this.nested(() => this.parseOr());
      this.skipSpace();
      if (!this.peek(')')) throw new ParseFailure('Expected ")".', this.pos);
      this.pos++;
      return inner;
    }
    if (char === '"' || char === "'") return this.parseString(char);
    if (/[0-9.-]/.test(char)) return this.parseNumber();
    if (/[A-Za-z_]/.test(char)) return this.parseWord();
    throw new ParseFailure(`Unexpected "${char}"; expected a value.`, start);
  }

  private parseString(quote: string): ExpressionNode {
    const start = this.pos;
    this.pos++;
    let value = '';
    for (;;) {
      const char = this.src[this.pos];
      if (char === undefined) throw new ParseFailure('Unterminated string.', start);
      this.pos++;
      if (char === quote) return { kind: 'literal', value, start, end: this.pos };
      if (char === '\\') {
        const escaped = this.src[this.pos];
        const replacement = escaped === undefined ? undefined : ESCAPES[escaped];
        if (replacement === undefined) throw new ParseFailure('Unknown escape in string.', this.pos - 1);
        value += replacement;
        this.pos++;
      } else {
        value += char;
      }
    }
  }

  private parseNumber(): ExpressionNode {
    const start = this.pos;
    const match = /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(this.src.slice(start));
    if (!match) throw new ParseFailure('Expected a number.', start);
    this.pos += match[0].length;
    if (/[A-Za-z0-9_.]/.test(this.src[this.pos] ?? '')) throw new ParseFailure('Malformed number.', start);
    return { kind: 'literal', value: Number(match[0]), start, end: this.pos };
  }

  private parseWord(): ExpressionNode {
    const start = this.pos;
    const match = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*/.exec(this.src.slice(start));
    const word = match?.[0] ?? '';
    this.pos += word.length;
    if (word === 'true' || word === 'false')
      return { kind: 'literal', value: word === 'true', start, end: this.pos };
    if (word === 'null') return { kind: 'literal', value: null, start, end: this.pos };
    const reference = parseReference(word);
    if (reference) return { kind: 'reference', reference, start, end: this.pos };
    throw new ParseFailure(
      `Unknown name "${word}"; use inputs.<name>, nodes.<id>.output(.field), a string, a number, true, false or null.`,
      start,
    );
  }
}

function position(src: string, offset: number): { line: number; column: number } {
  const before = src.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** Parses a condition expression into an AST, or returns a positioned error. Never throws. */
export function parseExpression(src: string): ParseExpressionResult {
  if (src.length > MAX_LENGTH) {
    return {
      ok: false,
      error: {
        message: `The expression is longer than ${MAX_LENGTH} characters.`,
        offset: 0,
        line: 1,
        column: 1,
      },
    };
  }
  try {
    return { ok: true, ast: new Parser(src).parse() };
  } catch (error) {
    if (!(error instanceof ParseFailure)) throw error;
    return {
      ok: false,
      error: { message: error.message, offset: error.offset, ...position(src, error.offset) },
    };
  }
}

/** Every reference in an expression AST, left to right. */
export function expressionReferences(ast: ExpressionNode): Reference[] {
  switch (ast.kind) {
    case 'literal':
      return [];
    case 'reference':
      return [ast.reference];
    case 'not':
      return expressionReferences(ast.operand);
    case 'compare':
    case 'logical':
      return [...expressionReferences(ast.left), ...expressionReferences(ast.right)];
    default:
      return assertNever(ast);
  }
}

/** Compile-time exhaustiveness check for switches over discriminated unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
