/** The three documents a workflow has, split by who may write them (DESIGN.md, "The shared documents"). */
export type DocumentKind = 'graph' | 'comments' | 'runs';
export type DocumentName = { workflowId: string; kind: DocumentKind };

// Workflow ids are uuids or similar url-safe ids; anything else in a name is refused outright.
const NAME = /^workflow:([A-Za-z0-9_-]{1,64})(?::(comments|runs))?$/;

/** Parses a requested document name; null for any name Tandem does not serve. */
export function parseDocumentName(name: string): DocumentName | null {
  const match = NAME.exec(name);
  if (!match?.[1]) return null;
  const suffix = match[2];
  return {
    workflowId: match[1],
    kind: suffix === 'comments' ? 'comments' : suffix === 'runs' ? 'runs' : 'graph',
  };
}

/** The name of one of a workflow's documents. */
export function documentName(workflowId: string, kind: DocumentKind): string {
  return kind === 'graph' ? `workflow:${workflowId}` : `workflow:${workflowId}:${kind}`;
}
