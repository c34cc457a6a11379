/**
 * A static check that refuses regular expressions prone to catastrophic backtracking, so a user-supplied
 * pattern cannot stall the evaluation of a run. It parses the pattern into a small tree and looks for the
 * three shapes that make a backtracking engine explode:
 *
 * 1. star height > 1: a repeated group (even a fixed count like `{12}`) that itself contains a variable repetition — `(a+)+`, `(\w+\s?)*`,
 *    `(\d{1,3})+` — unless every iteration starts or ends with a mandatory separator that no inner repetition
 *    can consume (`( [a-z]+)*`, `(\d+,)*`): then iteration boundaries are fixed and there is nothing to retry;
 * 2. a repeated alternation whose branches can start with the same character — `(a|aa)+`, `(\w|\d)*`;
 * 3. two directly adjacent unbounded repetitions where the first can end with a character the second can
 *    start with — `.*.*`, `\d+\d*` (polynomial, but a high degree on 100 000 characters is as bad).
 *
 * Character sets are compared on a fixed sample of characters (ASCII plus a few non-ASCII letters), by
 * compiling each atom on its own: an approximation, but one that errs towards refusing.
 */

type Term = { atom: Atom; min: number; max: number };
type Sequence = Term[];
type Atom =
  | { kind: 'chars'; source: string }
  | { kind: 'any' }
  | { kind: 'assertion' }
  | { kind: 'group'; branches: Sequence[]; zeroWidth: boolean };

/** Which sample characters an atom (or a part of the pattern) may match. */
type CharSet = boolean[];

const SAMPLE_CODE_POINTS = [...Array.from({ length: 128 }, (_, i) => i), 0xa0, 0xe9, 0x3bb, 0x2028, 0x4e2d];
const SAMPLES = SAMPLE_CODE_POINTS.map((cp) => String.fromCodePoint(cp));

export type RegexSafety = { ok: true } | { ok: false; reason: string };

/** Parses `pattern` (already known to compile with `flags`) and reports whether it is safe to run. */
export function checkRegexSafety(pattern: string, flags = ''): RegexSafety {
  let tree: Sequence[];
  try {
    tree = new Parser(pattern).parseAlternation();
  } catch {
    return { ok: false, reason: 'the pattern could not be analysed for catastrophic backtracking' };
  }
  const setFlags = flags.replace(/[^isu]/g, '');
  const analyser = new Analyser(setFlags);
  const problem = analyser.checkBranches(tree);
  return problem === null ? { ok: true } : { ok: false, reason: problem };
}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parseAlternation(): Sequence[] {
    const branches: Sequence[] = [this.parseSequence()];
    while (this.src[this.pos] === '|') {
      this.pos++;
      branches.push(this.parseSequence());
    }
    return branches;
  }

  private parseSequence(): Sequence {
    const terms: Sequence = [];
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      const atom = this.parseAtom();
      const [min, max] = this.parseQuantifier();
      terms.push({ atom, min, max });
    }
    return terms;
  }

  private parseAtom(): Atom {
    const start = this.pos;
    const c = this.src[this.pos];
    if (c === '(') {
      this.pos++;
      let zeroWidth = false;
      if (this.src.startsWith('?:', this.pos)) this.pos += 2;
      else if (/^\?<?[=!]/.test(this.src.slice(this.pos, this.pos + 3))) {
        zeroWidth = true;
        this.pos += this.src[this.pos + 1] === '<' ? 3 : 2;
      } else if (this.src.startsWith('?<', this.pos)) this.pos = this.src.indexOf('>', this.pos) + 1;
      const branches = this.parseAlternation();
      if (this.src[this.pos] !== ')') throw new Error('unbalanced group');
      this.pos++;
      return { kind: 'group', branches, zeroWidth };
    }
    if (c === '^' || c === '$') {
      this.pos++;
      return { kind: 'assertion' };
    }
    if (c === '[') {
      this.pos++;
      if (this.src[this.pos] === '^') this.pos++;
      while (this.pos < this.src.length && this.src[this.pos] !== ']') {
        this.pos += this.src[this.pos] === '\\' ? 2 : 1;
      }
      this.pos++;
      return { kind: 'chars', source: this.src.slice(start, this.pos) };
    }
    if (c === '\\') {
      const next = this.src[this.pos + 1] ?? '';
      if (next === 'b' || next === 'B') {
        this.pos += 2;
        return { kind: 'assertion' };
      }
      if (/[1-9]/.test(next) || next === 'k') {
        // A backreference may match anything its group matched.
        this.pos += 2;
        if (next === 'k') this.pos = this.src.indexOf('>', this.pos) + 1;
        else while (/[0-9]/.test(this.src[this.pos] ?? '')) this.pos++;
        return { kind: 'any' };
      }
      const braced = /^\\(?:[pPu]\{[^}]*\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z])/.exec(
        this.src.slice(this.pos),
      );
      this.pos += braced ? braced[0].length : 2;
      return { kind: 'chars', source: this.src.slice(start, this.pos) };
    }
    // A code point, so an astral character under the `u` flag stays whole.
    this.pos += String.fromCodePoint(this.src.codePointAt(this.pos) ?? 0).length;
    return { kind: 'chars', source: this.src.slice(start, this.pos) };
  }

  private parseQuantifier(): [number, number] {
    const c = this.src[this.pos];
    let bounds: [number, number] | null = null;
    if (c === '*') bounds = [0, Number.POSITIVE_INFINITY];
    else if (c === '+') bounds = [1, Number.POSITIVE_INFINITY];
    else if (c === '?') bounds = [0, 1];
    if (bounds) this.pos++;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m) return [1, 1];
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
      bounds = [min, max];
      this.pos += m[0].length;
    } else return [1, 1];
    if (this.src[this.pos] === '?') this.pos++; // lazy: the same search space, only explored in another order
    return bounds;
  }
}

/** A repetition with enough freedom to multiply the ways of matching: `*`, `+`, `{2,}`, `{0,50}`. */
function isHeavy(term: Term): boolean {
  return term.max > term.min && (term.max === Number.POSITIVE_INFINITY || term.max > 10);
}

/** Any repetition whose count can vary: `?` excepted, since it adds no retry inside a single pass. */
function isVariable(term: Term): boolean {
  return term.max > term.min && term.max > 1;
}

class Analyser {
  private readonly cache = new Map<string, CharSet>();
  constructor(private readonly flags: string) {}

  checkBranches(branches: Sequence[]): string | null {
    for (const branch of branches) {
      for (const [i, term] of branch.entries()) {
        const problem = this.checkTerm(term, branch[i + 1]);
        if (problem !== null) return problem;
      }
    }
    return null;
  }

  private checkTerm(term: Term, next: Term | undefined): string | null {
    const { atom } = term;
    if (atom.kind === 'group') {
      // Even a fixed count multiplies: `(.*a){12}` tries n^12 splits.
      if (term.max > 1 && this.hasVariableRepetition(atom.branches) && !this.hasSeparator(atom.branches)) {
        return 'nested quantifiers (a repeated group containing a repetition, like (a+)+) can take exponential time; rewrite it without the nesting';
      }
      if (isHeavy(term) && this.hasOverlappingAlternatives(atom.branches)) {
        return 'a repeated alternation whose branches can match the same text (like (a|aa)+) can take exponential time; make the branches mutually exclusive';
      }
      const inner = this.checkBranches(atom.branches);
      if (inner !== null) return inner;
    }
    if (
      next &&
      term.max === Number.POSITIVE_INFINITY &&
      next.max === Number.POSITIVE_INFINITY &&
      intersects(this.edgeChars([term], 'last').set, this.edgeChars([next], 'first').set)
    ) {
      return 'two adjacent unbounded repetitions over the same characters (like .*.* or \\d+\\d*) can take polynomial time; merge them';
    }
    return null;
  }

  private hasVariableRepetition(branches: Sequence[]): boolean {
    return branches.some((branch) =>
      branch.some(
        (t) => isVariable(t) || (t.atom.kind === 'group' && this.hasVariableRepetition(t.atom.branches)),
      ),
    );
  }

  /**
   * True when the group has one branch that starts or ends with a mandatory single character set that no
   * repetition inside the group can match: each iteration's boundary is then pinned to that separator.
   */
  private hasSeparator(branches: Sequence[]): boolean {
    if (branches.length !== 1) return false;
    const branch = branches[0] ?? [];
    const repeated = this.charsOfRepetitions(branches);
    for (const edge of [branch[0], branch[branch.length - 1]]) {
      if (edge && edge.min === 1 && edge.max === 1 && edge.atom.kind === 'chars') {
        if (!intersects(this.charsOfAtom(edge.atom), repeated)) return true;
      }
    }
    return false;
  }

  private charsOfRepetitions(branches: Sequence[]): CharSet {
    let set = emptySet();
    for (const branch of branches) {
      for (const t of branch) {
        if (isVariable(t)) set = union(set, this.charsOfAtom(t.atom));
        else if (t.atom.kind === 'group') set = union(set, this.charsOfRepetitions(t.atom.branches));
      }
    }
    return set;
  }

  private hasOverlappingAlternatives(branches: Sequence[]): boolean {
    let alternatives = branches;
    // Unwrap `((a|aa))+`: a lone, unquantified group is the same alternation.
    while (alternatives.length === 1) {
      const only = alternatives[0];
      const term = only?.[0];
      if (only?.length !== 1 || !term || term.atom.kind !== 'group' || term.min !== 1 || term.max !== 1)
        break;
      alternatives = term.atom.branches;
    }
    if (alternatives.length < 2) return false;
    const firsts = alternatives.map((b) => this.edgeChars(b, 'first'));
    for (let i = 0; i < firsts.length; i++) {
      const a = firsts[i];
      if (!a || a.nullable) return true;
      for (let j = i + 1; j < firsts.length; j++) {
        const b = firsts[j];
        if (!b || b.nullable || intersects(a.set, b.set)) return true;
      }
    }
    return false;
  }

  /** The characters a sequence's match can start (or end) with, and whether it can match the empty string. */
  private edgeChars(seq: Sequence, edge: 'first' | 'last'): { set: CharSet; nullable: boolean } {
    let set = emptySet();
    for (const term of edge === 'first' ? seq : [...seq].reverse()) {
      const { atom } = term;
      if (atom.kind === 'assertion' || (atom.kind === 'group' && atom.zeroWidth)) continue;
      let atomNullable = false;
      if (atom.kind === 'group') {
        for (const b of atom.branches) {
          const f = this.edgeChars(b, edge);
          set = union(set, f.set);
          atomNullable ||= f.nullable;
        }
      } else set = union(set, this.charsOfAtom(atom));
      if (term.min > 0 && !atomNullable) return { set, nullable: false };
    }
    return { set, nullable: true };
  }

  private charsOfAtom(atom: Atom): CharSet {
    switch (atom.kind) {
      case 'assertion':
        return emptySet();
      case 'any':
        return SAMPLES.map(() => true);
      case 'group': {
        if (atom.zeroWidth) return emptySet();
        let set = emptySet();
        for (const b of atom.branches) for (const t of b) set = union(set, this.charsOfAtom(t.atom));
        return set;
      }
      case 'chars': {
        const cached = this.cache.get(atom.source);
        if (cached) return cached;
        let set: CharSet;
        try {
          const re = new RegExp(`^(?:${atom.source})$`, this.flags);
          set = SAMPLES.map((s) => re.test(s));
        } catch {
          set = SAMPLES.map(() => true);
        }
        this.cache.set(atom.source, set);
        return set;
      }
      default:
        return assertNever(atom);
    }
  }
}

function emptySet(): CharSet {
  return SAMPLES.map(() => false);
}

function union(a: CharSet, b: CharSet): CharSet {
  return a.map((v, i) => v || (b[i] ?? false));
}

function intersects(a: CharSet, b: CharSet): boolean {
  return a.some((v, i) => v && (b[i] ?? false));
}

function assertNever(value: never): never {
  throw new Error(`unexpected regex atom ${JSON.stringify(value)}`);
}
