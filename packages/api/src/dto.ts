import type {
  ApiKeySummary,
  CredentialSummary,
  InvitationSummary,
  Role,
  Run,
  SessionUser,
  StoredRunEvent,
  Version,
  VersionSummary,
  Workflow,
  Workspace,
  WorkspaceMember,
} from '@tandem/db';

// Responses carry dates as ISO strings: without a transformer JSON turns a Date into a string anyway, and
// returning strings keeps the types the web app infers from `AppRouter` true.
const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export const userDto = (user: SessionUser) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  color: user.color,
});

export const workspaceDto = (workspace: Workspace, role: Role) => ({
  id: workspace.id,
  name: workspace.name,
  role,
  createdAt: iso(workspace.createdAt),
});

export const memberDto = (member: WorkspaceMember) => ({ ...member, joinedAt: iso(member.joinedAt) });

export const invitationDto = (invitation: InvitationSummary) => ({
  id: invitation.id,
  workspaceId: invitation.workspaceId,
  role: invitation.role,
  email: invitation.email,
  invitedBy: invitation.invitedBy,
  createdAt: iso(invitation.createdAt),
  expiresAt: iso(invitation.expiresAt),
});

export const workflowDto = (workflow: Workflow) => ({
  id: workflow.id,
  workspaceId: workflow.workspaceId,
  name: workflow.name,
  pinnedVersionId: workflow.pinnedVersionId,
  createdBy: workflow.createdBy,
  createdAt: iso(workflow.createdAt),
  updatedAt: iso(workflow.updatedAt),
});

export const apiKeyDto = (key: ApiKeySummary) => ({
  id: key.id,
  workspaceId: key.workspaceId,
  name: key.name,
  prefix: key.prefix,
  last4: key.last4,
  createdBy: key.createdBy,
  createdAt: iso(key.createdAt),
  lastUsedAt: isoOrNull(key.lastUsedAt),
  revokedAt: isoOrNull(key.revokedAt),
});

export const credentialDto = (credential: CredentialSummary) => ({
  id: credential.id,
  workspaceId: credential.workspaceId,
  name: credential.name,
  provider: credential.provider,
  baseUrl: credential.baseUrl,
  last4: credential.last4,
  createdAt: iso(credential.createdAt),
  updatedAt: iso(credential.updatedAt),
});

export const versionSummaryDto = (version: VersionSummary) => ({
  id: version.id,
  workflowId: version.workflowId,
  number: version.number,
  name: version.name,
  contentHash: version.contentHash,
  createdBy: version.createdBy,
  createdAt: iso(version.createdAt),
});

/** A version with its definition; the Y.Doc state stays on the server (restore writes the definition). */
export const versionDto = (version: Version) => ({
  ...versionSummaryDto(version),
  definition: version.definition,
});

export const runDto = (run: Run) => ({
  id: run.id,
  workflowId: run.workflowId,
  versionId: run.versionId,
  status: run.status,
  trigger: run.trigger,
  inputs: run.inputs,
  outputs: run.outputs,
  error: run.error,
  startedBy: run.startedBy,
  variant: run.variant,
  createdAt: iso(run.createdAt),
  startedAt: isoOrNull(run.startedAt),
  finishedAt: isoOrNull(run.finishedAt),
});

/** A stored event back in the shape the engine emitted it (`RunEvent`). */
export const runEventDto = (event: StoredRunEvent) => ({
  ...event.payload,
  type: event.type,
  runId: event.runId,
  seq: event.seq,
  at: iso(event.at),
  ...(event.nodeId === null ? {} : { nodeId: event.nodeId }),
});
