import type { Repositories, Role, Workflow, Workspace } from '@tandem/db';
import { UserError } from '@tandem/workflow';
import { type Action, can, refusalMessage } from './policy';

// Ids that reach the database must be uuids: Postgres refuses anything else with an error, not a miss.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type AccessRepos = Pick<Repositories, 'workspaces' | 'workflows'>;

const WORKSPACE_NOT_FOUND = 'Workspace not found. Check the link, or ask its owner to invite you.';
const WORKFLOW_NOT_FOUND =
  'Workflow not found. It may have been deleted, or it is in a workspace you are not a member of.';

/**
 * `userId`'s role in the workspace of a workflow: null when the workflow does not exist, is deleted, or
 * the user is not a member. The collab server calls this when a connection opens a workflow's documents.
 */
export async function workflowRole(
  repos: AccessRepos,
  userId: string,
  workflowId: string,
): Promise<Role | null> {
  if (!UUID.test(workflowId) || !UUID.test(userId)) return null;
  const workflow = await repos.workflows.get(workflowId);
  if (!workflow) return null;
  const membership = await repos.workspaces.getMembership(workflow.workspaceId, userId);
  return membership?.role ?? null;
}

/**
 * Refuses unless `role` allows `action`: a non-member gets NOT_FOUND (as if nothing were there), a member
 * whose role is too low gets FORBIDDEN with who may do it.
 */
function authorize(userId: string, role: Role | null, action: Action, notFound: string): Role {
  if (role === null) throw new UserError('NOT_FOUND', notFound);
  if (!can({ id: userId }, action, { role })) throw new UserError('FORBIDDEN', refusalMessage(action, role));
  return role;
}

/** The workspace and the caller's role in it, if they may perform `action` there. The id is only a lookup key. */
export async function workspaceAccess(
  repos: AccessRepos,
  userId: string,
  workspaceId: string,
  action: Action,
): Promise<{ workspace: Workspace; role: Role }> {
  const membership = UUID.test(workspaceId)
    ? await repos.workspaces.getMembership(workspaceId, userId)
    : null;
  const role = authorize(userId, membership?.role ?? null, action, WORKSPACE_NOT_FOUND);
  const workspace = await repos.workspaces.get(workspaceId);
  if (!workspace) throw new UserError('NOT_FOUND', WORKSPACE_NOT_FOUND);
  return { workspace, role };
}

/** The (live) workflow and the caller's role in its workspace, if they may perform `action` on it. */
export async function workflowAccess(
  repos: AccessRepos,
  userId: string,
  workflowId: string,
  action: Action,
): Promise<{ workflow: Workflow; role: Role }> {
  const workflow = UUID.test(workflowId) ? await repos.workflows.get(workflowId) : null;
  const membership = workflow ? await repos.workspaces.getMembership(workflow.workspaceId, userId) : null;
  const role = authorize(userId, membership?.role ?? null, action, WORKFLOW_NOT_FOUND);
  if (!workflow) throw new UserError('NOT_FOUND', WORKFLOW_NOT_FOUND);
  return { workflow, role };
}

/**
 * For resources found by their own id (an API key, a credential, an invitation): the caller's role in the
 * workspace that owns it. Missing resources and other workspaces' resources answer the same NOT_FOUND.
 */
export async function ownedResourceAccess(
  repos: AccessRepos,
  userId: string,
  owner: { workspaceId: string } | null,
  action: Action,
  notFound: string,
): Promise<Role> {
  const membership = owner ? await repos.workspaces.getMembership(owner.workspaceId, userId) : null;
  return authorize(userId, membership?.role ?? null, action, notFound);
}
