import type { DocumentKind } from '@tandem/workflow';
import { assertNever } from '@tandem/workflow';
import type { Role } from './ports';

export type Access = { allowed: false } | { allowed: true; readOnly: boolean };

/**
 * Who may do what with each of a workflow's documents (DESIGN.md, "The shared documents"): the graph is
 * written by editors and owners, comments by every member, runs by the server only.
 */
export function accessFor(kind: DocumentKind, role: Role | null): Access {
  if (role === null) return { allowed: false };
  switch (kind) {
    case 'graph':
      return { allowed: true, readOnly: role === 'viewer' };
    case 'comments':
      return { allowed: true, readOnly: false };
    case 'runs':
      return { allowed: true, readOnly: true };
    default:
      return assertNever(kind);
  }
}
