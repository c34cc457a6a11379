import { CURRENT_SCHEMA_VERSION } from './doc-layout';
import type { ErrorIssue } from './errors';
import { type WorkflowDefinition, workflowDefinitionSchema } from './schemas';

export type ParseWorkflowJsonResult =
  | { ok: true; definition: WorkflowDefinition }
  | { ok: false; issues: ErrorIssue[] };

function describePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * Parses an exported workflow (already JSON-decoded, or a JSON string). Never throws: a bad shape comes back
 * as issues whose `path` names the field (e.g. `nodes.2.config.temperature`). Structural problems of a
 * well-formed graph (cycles, missing references) are for {@link validate}.
 */
export function parseWorkflowJson(json: unknown): ParseWorkflowJsonResult {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json) as unknown;
    } catch (error) {
      return { ok: false, issues: [{ path: '', message: `Not valid JSON: ${(error as Error).message}` }] };
    }
  }
  if (typeof value === 'object' && value !== null && 'schemaVersion' in value) {
    const version = (value as { schemaVersion: unknown }).schemaVersion;
    if (typeof version === 'number' && version > CURRENT_SCHEMA_VERSION) {
      return {
        ok: false,
        issues: [
          {
            path: 'schemaVersion',
            message: `This export uses schema version ${version}; this Tandem supports up to ${CURRENT_SCHEMA_VERSION}.`,
          },
        ],
      };
    }
  }
  const parsed = workflowDefinitionSchema.safeParse(value);
  if (parsed.success) return { ok: true, definition: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({ path: describePath(issue.path), message: issue.message })),
  };
}
