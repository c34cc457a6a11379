import type { DocRepository } from '@tandem/db';
import {
  createWorkflowDoc,
  documentName,
  materialise,
  type Problem,
  replaceGraph,
  UserError,
  type WorkflowDefinition,
} from '@tandem/workflow';
import * as Y from 'yjs';

/**
 * The first Yjs update of a new workflow's graph document (`workflow:<id>`): an empty graph, or
 * `definition` written with `replaceGraph`, named `name`. Only graph content goes in: never a secret.
 */
export function initialGraphUpdate(name: string, definition?: WorkflowDefinition): Uint8Array {
  const doc = createWorkflowDoc({ name, description: definition?.description ?? '' });
  try {
    if (definition) replaceGraph(doc, { ...definition, name });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** Stores the initial state of a new workflow's graph document. */
export async function writeInitialGraph(
  docs: DocRepository,
  workflowId: string,
  update: Uint8Array,
): Promise<void> {
  await docs.append(documentName(workflowId, 'graph'), update);
}

/**
 * The workflow's graph as a plain definition: stored state plus updates, materialised. A draft with
 * problems still comes back (its best-effort definition) with the problems listed.
 * @throws UserError (CONFLICT) when the document is from a newer Tandem and cannot be read.
 */
export async function readGraph(
  docs: DocRepository,
  workflowId: string,
): Promise<{ definition: WorkflowDefinition; problems: Problem[] }> {
  const loaded = await docs.load(documentName(workflowId, 'graph'));
  const doc = new Y.Doc();
  try {
    if (loaded.state) Y.applyUpdate(doc, loaded.state);
    for (const update of loaded.updates) Y.applyUpdate(doc, update);
    const result = materialise(doc);
    if (result.ok) return { definition: result.definition, problems: [] };
    if (!result.definition) {
      throw new UserError(
        'CONFLICT',
        result.problems[0]?.message ?? 'This workflow cannot be read by this Tandem.',
      );
    }
    return { definition: result.definition, problems: result.problems };
  } finally {
    doc.destroy();
  }
}
