import { materialise, type Problem, type ProblemCode } from '@tandem/workflow';
import type * as Y from 'yjs';

/**
 * Problems that mean the content breaks the schema (as opposed to an unfinished draft, which the canvas
 * shows by itself): a client wrote something no Tandem client should. They are reported to every client
 * of the document; such a draft cannot be saved as a version or run, because `materialise` is not ok.
 */
const SCHEMA_PROBLEMS: ReadonlySet<ProblemCode> = new Set([
  'unknown-node-type',
  'invalid-config',
  'schema-version-unsupported',
]);

export function schemaProblems(doc: Y.Doc): Problem[] {
  const result = materialise(doc);
  return result.ok ? [] : result.problems.filter((problem) => SCHEMA_PROBLEMS.has(problem.code));
}
