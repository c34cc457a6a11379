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
  /** The workflow's pinned version is `versionId`; this is a second one (a canary candidate). */
  candidateVersionId: string;
  /** A dataset of two rows, and a draft experiment comparing the two versions on it. */
  datasetId: string;
  experimentId: string;
  /** A running canary on a second workflow (one canary per workflow, so `canaries.start` stays free here). */
  canaryId: string;
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
    const savedVersion = await h.repos.versions.get(saved.version.id);
    if (!savedVersion) throw new Error('the saved version is missing');
    const versionLike = (workflowId: string, name: string) =>
      h.repos.versions.create({
        workflowId,
        name,
        definition: savedVersion.definition,
        ydocState: savedVersion.ydocState,
        contentHash: randomUUID(),
        createdBy: users.owner.id,
      });
    const candidate = await versionLike(workflow.id, 'candidate');
    await h.repos.workflows.setPinnedVersion(workflow.id, saved.version.id);
    const dataset = await h.repos.datasets.create(
      { workspaceId, name: 'Questions', createdBy: users.owner.id },
      [
        { inputs: { question: 'Where is my invoice?' }, expected: 'billing' },
        { inputs: { question: 'Reset my password' }, expected: 'account' },
      ],
    );
    const experiment = await h.repos.experiments.create({
      workspaceId,
      workflowId: workflow.id,
      name: 'Draft experiment',
      datasetId: dataset.id,
      createdBy: users.owner.id,
      config: {
        kind: 'dataset',
        variants: [
          { key: 'A', versionId: saved.version.id },
          { key: 'B', versionId: candidate.id },
        ],
        repetitions: 1,
        concurrency: 2,
        evaluators: [],
        minEffect: 0.05,
      },
    });
    const canaryWorkflow = await h.repos.workflows.create({
      workspaceId,
      name: 'Canaried',
      createdBy: users.owner.id,
    });
    const canaryBaseline = await versionLike(canaryWorkflow.id, 'baseline');
    const canaryCandidate = await versionLike(canaryWorkflow.id, 'candidate');
    await h.repos.workflows.setPinnedVersion(canaryWorkflow.id, canaryBaseline.id);
    const canary = await h.repos.experiments.create({
      workspaceId,
      workflowId: canaryWorkflow.id,
      name: 'Canary',
      createdBy: users.owner.id,
      status: 'running',
      config: {
        kind: 'canary',
        variants: [
          { key: 'A', versionId: canaryBaseline.id },
          { key: 'B', versionId: canaryCandidate.id },
        ],
        percent: 10,
        evaluators: [],
        minEffect: 0.05,
      },
    });
    return {
      workspaceId,
      workflowId: workflow.id,
      candidateVersionId: candidate.id,
      datasetId: dataset.id,
      experimentId: experiment.id,
      canaryId: canary.id,
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
