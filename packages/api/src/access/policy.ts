import type { Role } from '@tandem/db';

/**
 * Who may do what in a workspace: the one table every procedure (and the collab server) consults.
 * A role not listed for an action is refused. Non-members are never asked: they get NOT_FOUND before
 * the table is read, so they cannot learn what exists in someone else's workspace.
 */
export const POLICY = {
  'workspace.read': ['viewer', 'editor', 'owner'],
  'workspace.rename': ['owner'],

  'member.list': ['viewer', 'editor', 'owner'],
  'member.invite': ['owner'],
  'member.setRole': ['owner'],
  'member.remove': ['owner'],
  /** Removing yourself. The last owner still cannot leave: that is checked when the row changes. */
  'member.leave': ['viewer', 'editor', 'owner'],
  'invitation.list': ['owner'],
  'invitation.revoke': ['owner'],

  'workflow.list': ['viewer', 'editor', 'owner'],
  'workflow.read': ['viewer', 'editor', 'owner'],
  'workflow.export': ['viewer', 'editor', 'owner'],
  /** Writing the graph document over the collab connection (viewers connect read-only). */
  'workflow.edit': ['editor', 'owner'],
  'workflow.create': ['editor', 'owner'],
  'workflow.import': ['editor', 'owner'],
  'workflow.duplicate': ['editor', 'owner'],
  'workflow.rename': ['editor', 'owner'],
  'workflow.delete': ['editor', 'owner'],

  'version.list': ['viewer', 'editor', 'owner'],
  'version.read': ['viewer', 'editor', 'owner'],
  /** Saving the draft as a version, restoring one into the draft, choosing the pinned one. */
  'version.create': ['editor', 'owner'],
  'version.restore': ['editor', 'owner'],
  'version.pin': ['editor', 'owner'],

  /** Watching runs (the runs document is read-only for everyone). */
  'run.list': ['viewer', 'editor', 'owner'],
  'run.read': ['viewer', 'editor', 'owner'],
  'run.start': ['editor', 'owner'],
  'run.cancel': ['editor', 'owner'],

  /** Datasets of test inputs, experiments between versions and canary traffic splits. */
  'dataset.list': ['viewer', 'editor', 'owner'],
  'dataset.read': ['viewer', 'editor', 'owner'],
  'dataset.write': ['editor', 'owner'],
  'experiment.list': ['viewer', 'editor', 'owner'],
  'experiment.read': ['viewer', 'editor', 'owner'],
  'experiment.write': ['editor', 'owner'],
  /** Starting, resizing, promoting (pins the candidate) and stopping a canary. */
  'canary.manage': ['editor', 'owner'],

  /** Names, providers and last four characters only: no secret is ever returned. */
  'credential.list': ['editor', 'owner'],
  'credential.set': ['owner'],
  'credential.delete': ['owner'],

  'apiKey.list': ['owner'],
  'apiKey.create': ['owner'],
  'apiKey.revoke': ['owner'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof POLICY;

/** Who is asking: a signed-in user, or null for an anonymous caller. */
export type Actor = { id: string } | null;

/** What is asked about, as far as the policy cares: the caller's role in the workspace that owns it. */
export type ResourceAccess = { role: Role | null };

/** What an action is about, in the words of a refusal message ("Only owners can invite members."). */
const DOING: Record<Action, string> = {
  'workspace.read': 'see this workspace',
  'workspace.rename': 'rename the workspace',
  'member.list': 'see the members',
  'member.invite': 'invite members',
  'member.setRole': 'change roles',
  'member.remove': 'remove members',
  'member.leave': 'leave the workspace',
  'invitation.list': 'see pending invitations',
  'invitation.revoke': 'revoke invitations',
  'workflow.list': 'see workflows',
  'workflow.read': 'open workflows',
  'workflow.export': 'export workflows',
  'workflow.edit': 'edit workflows',
  'workflow.create': 'create workflows',
  'workflow.import': 'import workflows',
  'workflow.duplicate': 'duplicate workflows',
  'workflow.rename': 'rename workflows',
  'workflow.delete': 'delete workflows',
  'version.list': 'see versions',
  'version.read': 'open versions',
  'version.create': 'save versions',
  'version.restore': 'restore versions',
  'version.pin': 'pin versions',
  'run.list': 'see runs',
  'run.read': 'open runs',
  'run.start': 'start runs',
  'run.cancel': 'cancel runs',
  'dataset.list': 'see datasets',
  'dataset.read': 'open datasets',
  'dataset.write': 'change datasets',
  'experiment.list': 'see experiments',
  'experiment.read': 'open experiments',
  'experiment.write': 'create, start or cancel experiments',
  'canary.manage': 'manage canaries',
  'credential.list': 'see provider credentials',
  'credential.set': 'set provider credentials',
  'credential.delete': 'delete provider credentials',
  'apiKey.list': 'see API keys',
  'apiKey.create': 'create API keys',
  'apiKey.revoke': 'revoke API keys',
};

/**
 * Whether `user` may perform `action` on a resource. `resource.role` is the user's role in the workspace
 * that owns the resource, looked up by the caller (null: not a member); anonymous callers may do nothing.
 */
export function can(user: Actor, action: Action, resource: ResourceAccess): boolean {
  if (!user || resource.role === null) return false;
  const allowed: readonly Role[] = POLICY[action];
  return allowed.includes(resource.role);
}

const PLURAL: Record<Role, string> = { owner: 'owners', editor: 'editors', viewer: 'viewers' };

/** A refusal a person can act on: who may do it, and what they are. */
export function refusalMessage(action: Action, role: Role): string {
  const allowed: readonly Role[] = POLICY[action];
  const who = allowed.map((r) => PLURAL[r]);
  const list = who.length > 1 ? `${who.slice(0, -1).join(', ')} and ${who.at(-1)}` : (who[0] ?? 'nobody');
  const ask = allowed.includes('editor')
    ? 'Ask an owner for editor access.'
    : 'Ask an owner of this workspace.';
  return `Only ${list} can ${DOING[action]}; you are ${role === 'viewer' ? 'a' : 'an'} ${role} here. ${ask}`;
}
