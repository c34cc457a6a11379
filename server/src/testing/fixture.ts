import { randomUUID } from 'node:crypto';
import { createArgon2PasswordHasher, userColor } from '@tandem/api';
import { createSampleWorkflow, materialise } from '@tandem/workflow';
import { type CallResult, type Harness, ok, PASSWORD, type TestClient } from './harness';

export const ACTORS = ['anonymous', 'nonMember', 'viewer', 'editor', 'owner'] as const;
export type ActorName = (typeof ACTORS)[number];

/** One workspace with a member of each role, an outsider, and one of every resource a procedure can name. */
export type Fixture = {
  workspaceId: string;
  workflowId: string;
  /** A saved version of the workflow (the sample graph) and a queued run of it. */
  versionId: string;
  runId: string;
  apiKeyId: string;
  apiKeyToken: string;
  credentialId: string;
  invitationId: string;
  inviteToken: string;
  /** A second editor: the target of setRole and remove. */
  extra: { id: string; email: string };
  users: Record<Exclude<ActorName, 'anonymous'>, { id: string; email: string }>;
  clients: Record<ActorName, TestClient>;
};

function sampleDefinition() {
  const result = materialise(createSampleWorkflow());
  if (!result.ok) throw new Error('the sample workflow materialises');
  return result.definition;
}

/** Hashing once per file keeps fixtures fast: every fixture account has the password PASSWORD. */
export function fixtureFactory(h: Harness, options: { credentialKey?: string } = {}) {
  const passwordHash = createArgon2PasswordHasher().hash(PASSWORD);

  async function account(name: string) {
    const id = randomUUID();
    const user = await h.repos.users.create({
      id,
      email: `${name.toLowerCase()}-${id}@example.test`,
      name,
      passwordHash: await passwordHash,
      color: userColor(id),
    });
    return { id: user.id, email: user.email };
  }

  async function signedInClient(userId: string): Promise<TestClient> {
    const client = h.client();
    client.cookie = (await h.services.sessions.createSession(userId, h.now())).token;
    return client;
  }

  return async function fixture(): Promise<Fixture> {
    const users = {
      owner: await account('Owner'),
      editor: await account('Editor'),
      viewer: await account('Viewer'),
      nonMember: await account('Outsider'),
    };
    const extra = await account('Extra');
    const { workspace } = await h.repos.workspaces.create({ name: 'Matrix', ownerId: users.owner.id });
    await h.repos.workspaces.addMember(workspace.id, users.editor.id, 'editor');
    await h.repos.workspaces.addMember(workspace.id, users.viewer.id, 'viewer');
    await h.repos.workspaces.addMember(workspace.id, extra.id, 'editor');
    // A user in another workspace of their own, so "not a member here" is not "a member nowhere".
    await h.repos.workspaces.create({ name: 'Elsewhere', ownerId: users.nonMember.id });

    const clients: Record<ActorName, TestClient> = {
      anonymous: h.client(),
      nonMember: await signedInClient(users.nonMember.id),
      viewer: await signedInClient(users.viewer.id),
      editor: await signedInClient(users.editor.id),
      owner: await signedInClient(users.owner.id),
    };
    const owner = clients.owner;
    const workspaceId = workspace.id;
    // The sample graph materialises, so saving and running the draft succeed for those allowed to.
    const { workflow } = ok(
      await owner.mutation<{ workflow: { id: string } }>('workflows.import', {
        workspaceId,
        name: 'Flow',
        json: sampleDefinition(),
      }),
    );
    const saved = ok(
      await owner.mutation<{ version: { id: string } }>('versions.create', { workflowId: workflow.id }),
    );
    const run = await h.repos.runs.create({
      workflowId: workflow.id,
      versionId: saved.version.id,
      trigger: 'manual',
      inputs: { question: 'Where is my invoice?' },
      startedBy: users.owner.id,
    });
    const apiKey = ok(
      await owner.mutation<{ apiKey: { id: string }; token: string }>('apiKeys.create', {
        workspaceId,
        name: 'Key',
      }),
    );
    const credential = ok(
      await owner.mutation<{ id: string }>('credentials.set', {
        workspaceId,
        provider: 'openai',
        apiKey: options.credentialKey ?? `sk-fixture-${randomUUID()}`,
      }),
    );
    const invite = ok(
      await owner.mutation<{ invitation: { id: string }; token: string }>('members.invite', {
        workspaceId,
        role: 'viewer',
      }),
    );
    return {
      workspaceId,
      workflowId: workflow.id,
      versionId: saved.version.id,
      runId: run.id,
      apiKeyId: apiKey.apiKey.id,
      apiKeyToken: apiKey.token,
      credentialId: credential.id,
      invitationId: invite.invitation.id,
      inviteToken: invite.token,
      extra,
      users,
      clients,
    };
  };
}

/**
 * The fixture for one call. Refused calls and queries change nothing, so they share one fixture per
 * procedure; every allowed mutation gets a fresh one (a delete by the editor must not leave the owner
 * nothing to delete).
 */
export function fixturePerCall(fixture: () => Promise<Fixture>) {
  const shared = new Map<string, Promise<Fixture>>();
  return (path: string, type: 'query' | 'mutation', allowed: boolean): Promise<Fixture> => {
    if (type === 'mutation' && allowed) return fixture();
    const existing = shared.get(path);
    if (existing) return existing;
    const created = fixture();
    shared.set(path, created);
    return created;
  };
}

/** Calls a procedure the way the web app does: queries by GET, mutations by POST. */
export function callProcedure(
  client: TestClient,
  type: 'query' | 'mutation',
  path: string,
  input: unknown,
): Promise<CallResult> {
  return type === 'query' ? client.query(path, input) : client.mutation(path, input);
}
