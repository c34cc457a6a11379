import type { Repositories, Version } from '@tandem/db';
import { contentHash, materialise, type Problem, UserError } from '@tandem/workflow';
import * as Y from 'yjs';
import type { LiveDocuments } from '../live-documents';

/** A draft that cannot run: one field issue per problem, keyed by the node (or edge) it is about. */
export function draftProblems(problems: readonly Problem[]): UserError {
  const issues = problems.map((problem) => ({
    path: problem.nodeId
      ? `nodes.${problem.nodeId}`
      : problem.edgeId
        ? `edges.${problem.edgeId}`
        : 'workflow',
    message: problem.message,
  }));
  const first = problems[0]?.message ?? 'The draft is not valid.';
  const more =
    problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new UserError('BAD_REQUEST', `This draft cannot be saved as a version: ${first}${more}`, issues);
}

/**
 * Saves the live draft as an immutable version (definition, Y.Doc state, content hash), or returns the
 * newest version with the same hash when the executable content did not change. The draft is read through
 * the live document, so edits the collaboration server acknowledged but has not compacted are included.
 * @throws UserError BAD_REQUEST listing the problems by node when the draft does not materialise.
 */
export async function saveDraftVersion(
  services: { repos: Pick<Repositories, 'versions'>; live: LiveDocuments },
  input: { workflowId: string; createdBy: string; name?: string },
): Promise<{ version: Version; created: boolean }> {
  const snapshot = await services.live.withGraph(input.workflowId, (doc) => ({
    result: materialise(doc),
    state: Y.encodeStateAsUpdate(doc),
  }));
  const { result } = snapshot;
  if (!result.ok) throw draftProblems(result.problems);
  return services.repos.versions.findOrCreate({
    workflowId: input.workflowId,
    name: input.name ?? '',
    definition: result.definition,
    ydocState: snapshot.state,
    contentHash: contentHash(result.definition),
    createdBy: input.createdBy,
  });
}
