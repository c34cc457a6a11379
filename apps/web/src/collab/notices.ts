/** A graph problem the collab server reports (unknown node type, malformed config). */
export type ServerProblem = { code: string; message: string; nodeId?: string; field?: string };

export type ServerNotice =
  | { type: 'tandem/problems'; problems: ServerProblem[] }
  | { type: 'tandem/access'; role: 'owner' | 'editor' | 'viewer'; readOnly: boolean };

const ROLES = ['owner', 'editor', 'viewer'] as const;

function isProblem(value: unknown): value is ServerProblem {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.code === 'string' && typeof record.message === 'string';
}

/** Parses a stateless payload from the collab server (collab/src/notices.ts); null for anything else. */
export function parseServerNotice(payload: string): ServerNotice | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (record.type === 'tandem/problems' && Array.isArray(record.problems)) {
    return { type: 'tandem/problems', problems: record.problems.filter(isProblem) };
  }
  if (record.type === 'tandem/access' && typeof record.readOnly === 'boolean') {
    const role = ROLES.find((candidate) => candidate === record.role);
    if (role) return { type: 'tandem/access', role, readOnly: record.readOnly };
  }
  return null;
}
