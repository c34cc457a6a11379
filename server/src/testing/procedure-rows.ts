import { randomUUID } from 'node:crypto';
import { appRouter } from '@tandem/api';
import { createSampleWorkflow, materialise } from '@tandem/workflow';
import type { ActorName, Fixture } from './fixture';
import { PASSWORD } from './harness';

export type Outcome = 'ok' | 'UNAUTHORIZED' | 'NOT_FOUND' | 'FORBIDDEN';

/** How to call one procedure against a fresh fixture, and what each kind of caller must get. */
export type ProcedureRow = { input: (f: Fixture) => unknown; expected: Record<ActorName, Outcome> };

const everyone: Record<ActorName, Outcome> = {
  anonymous: 'ok',
  nonMember: 'ok',
  viewer: 'ok',
  editor: 'ok',
  owner: 'ok',
};
const signedIn: Record<ActorName, Outcome> = { ...everyone, anonymous: 'UNAUTHORIZED' };
/** Members from `role` up; everyone below is FORBIDDEN, outsiders NOT_FOUND, anonymous UNAUTHORIZED. */
const from = (role: 'viewer' | 'editor' | 'owner'): Record<ActorName, Outcome> => ({
  anonymous: 'UNAUTHORIZED',
  nonMember: 'NOT_FOUND',
  viewer: role === 'viewer' ? 'ok' : 'FORBIDDEN',
  editor: role === 'owner' ? 'FORBIDDEN' : 'ok',
  owner: 'ok',
});

const sampleDefinition = () => {
  const result = materialise(createSampleWorkflow());
  if (!result.ok) throw new Error('the sample workflow materialises');
  return result.definition;
};

/**
 * One row per procedure of the app router. The matrix test fails when a procedure has no row here (or a
 * row names a procedure that is gone), so adding a procedure means deciding who may call it.
 */
export const PROCEDURE_ROWS: Record<string, ProcedureRow> = {
  'auth.signup': {
    input: () => ({ email: `${randomUUID()}@example.test`, name: 'New', password: PASSWORD }),
    expected: everyone,
  },
  'auth.login': { input: (f) => ({ email: f.extra.email, password: PASSWORD }), expected: everyone },
  'auth.logout': { input: () => ({}), expected: everyone },
  'auth.me': { input: () => undefined, expected: everyone },
  'auth.changePassword': {
    input: () => ({ currentPassword: PASSWORD, newPassword: 'a different passphrase' }),
    expected: signedIn,
  },

  'workspaces.list': { input: () => undefined, expected: signedIn },
  'workspaces.create': { input: () => ({ name: 'Another' }), expected: signedIn },
  'workspaces.rename': {
    input: (f) => ({ workspaceId: f.workspaceId, name: 'Renamed' }),
    expected: from('owner'),
  },

  'members.list': { input: (f) => ({ workspaceId: f.workspaceId }), expected: from('viewer') },
  'members.invite': {
    input: (f) => ({ workspaceId: f.workspaceId, role: 'editor' }),
    expected: from('owner'),
  },
  // Anyone signed in may accept a link they hold; members keep their (higher) role.
  'members.acceptInvite': { input: (f) => ({ token: f.inviteToken }), expected: signedIn },
  'members.setRole': {
    input: (f) => ({ workspaceId: f.workspaceId, userId: f.extra.id, role: 'viewer' }),
    expected: from('owner'),
  },
  'members.remove': {
    input: (f) => ({ workspaceId: f.workspaceId, userId: f.extra.id }),
    expected: from('owner'),
  },
  'members.invitations': { input: (f) => ({ workspaceId: f.workspaceId }), expected: from('owner') },
  'members.revokeInvite': { input: (f) => ({ invitationId: f.invitationId }), expected: from('owner') },

  'workflows.list': { input: (f) => ({ workspaceId: f.workspaceId }), expected: from('viewer') },
  'workflows.create': {
    input: (f) => ({ workspaceId: f.workspaceId, name: 'New flow' }),
    expected: from('editor'),
  },
  'workflows.get': { input: (f) => ({ workflowId: f.workflowId }), expected: from('viewer') },
  'workflows.rename': {
    input: (f) => ({ workflowId: f.workflowId, name: 'Renamed' }),
    expected: from('editor'),
  },
  'workflows.duplicate': { input: (f) => ({ workflowId: f.workflowId }), expected: from('editor') },
  'workflows.delete': { input: (f) => ({ workflowId: f.workflowId }), expected: from('editor') },
  'workflows.import': {
    input: (f) => ({ workspaceId: f.workspaceId, json: sampleDefinition() }),
    expected: from('editor'),
  },
  'workflows.export': { input: (f) => ({ workflowId: f.workflowId }), expected: from('viewer') },
  'workflows.checkImport': { input: () => ({ json: sampleDefinition() }), expected: signedIn },

  'versions.list': { input: (f) => ({ workflowId: f.workflowId }), expected: from('viewer') },
  'versions.get': {
    input: (f) => ({ workflowId: f.workflowId, versionId: f.versionId }),
    expected: from('viewer'),
  },
  'versions.diff': {
    input: (f) => ({ workflowId: f.workflowId, from: f.versionId }),
    expected: from('viewer'),
  },
  'versions.create': {
    input: (f) => ({ workflowId: f.workflowId, name: 'Saved' }),
    expected: from('editor'),
  },
  'versions.restore': {
    input: (f) => ({ workflowId: f.workflowId, versionId: f.versionId }),
    expected: from('editor'),
  },
  'versions.pin': {
    input: (f) => ({ workflowId: f.workflowId, versionId: f.versionId }),
    expected: from('editor'),
  },

  // Viewers may watch runs but not start or cancel them.
  'runs.list': { input: (f) => ({ workflowId: f.workflowId }), expected: from('viewer') },
  'runs.get': { input: (f) => ({ runId: f.runId }), expected: from('viewer') },
  'runs.start': {
    input: (f) => ({ workflowId: f.workflowId, inputs: { question: 'Where is my invoice?' } }),
    expected: from('editor'),
  },
  'runs.cancel': { input: (f) => ({ runId: f.runId }), expected: from('editor') },

  'apiKeys.list': { input: (f) => ({ workspaceId: f.workspaceId }), expected: from('owner') },
  'apiKeys.create': {
    input: (f) => ({ workspaceId: f.workspaceId, name: 'Another key' }),
    expected: from('owner'),
  },
  'apiKeys.revoke': { input: (f) => ({ apiKeyId: f.apiKeyId }), expected: from('owner') },

  'credentials.list': { input: (f) => ({ workspaceId: f.workspaceId }), expected: from('editor') },
  'credentials.set': {
    input: (f) => ({ workspaceId: f.workspaceId, provider: 'anthropic', apiKey: `sk-ant-${randomUUID()}` }),
    expected: from('owner'),
  },
  'credentials.delete': { input: (f) => ({ credentialId: f.credentialId }), expected: from('owner') },

  'system.info': { input: () => undefined, expected: everyone },

  // Datasets and experiments: members read, editors change; canaries are managed by editors.
  'datasets.list': { input: (f) => ({ workspaceId: f.workspaceId }), expected: from('viewer') },
  'datasets.get': { input: (f) => ({ datasetId: f.datasetId }), expected: from('viewer') },
  'datasets.create': {
    input: (f) => ({ workspaceId: f.workspaceId, name: 'New set', rows: [{ inputs: { question: 'Hi' } }] }),
    expected: from('editor'),
  },
  'datasets.update': {
    input: (f) => ({ datasetId: f.datasetId, name: 'Renamed' }),
    expected: from('editor'),
  },
  'datasets.setRows': {
    input: (f) => ({ datasetId: f.datasetId, rows: [{ inputs: { question: 'Only' }, expected: 'x' }] }),
    expected: from('editor'),
  },
  'datasets.import': {
    input: (f) => ({ datasetId: f.datasetId, format: 'csv', text: 'question,expected\nHello,greeting\n' }),
    expected: from('editor'),
  },
  'datasets.addRunInputs': {
    input: (f) => ({ datasetId: f.datasetId, runId: f.runId }),
    expected: from('editor'),
  },
  'datasets.delete': { input: (f) => ({ datasetId: f.datasetId }), expected: from('editor') },

  'experiments.list': { input: (f) => ({ workspaceId: f.workspaceId }), expected: from('viewer') },
  'experiments.get': { input: (f) => ({ experimentId: f.experimentId }), expected: from('viewer') },
  'experiments.rows': { input: (f) => ({ experimentId: f.experimentId }), expected: from('viewer') },
  'experiments.create': {
    input: (f) => ({
      workflowId: f.workflowId,
      name: 'Another',
      datasetId: f.datasetId,
      versionIds: [f.versionId, f.candidateVersionId],
      evaluators: [{ id: 'exact', kind: 'exact' }],
    }),
    expected: from('editor'),
  },
  'experiments.start': { input: (f) => ({ experimentId: f.experimentId }), expected: from('editor') },
  'experiments.cancel': { input: (f) => ({ experimentId: f.experimentId }), expected: from('editor') },
  'experiments.rename': {
    input: (f) => ({ experimentId: f.experimentId, name: 'Renamed' }),
    expected: from('editor'),
  },
  'experiments.delete': { input: (f) => ({ experimentId: f.experimentId }), expected: from('editor') },

  'canaries.active': { input: (f) => ({ workflowId: f.workflowId }), expected: from('viewer') },
  'canaries.start': {
    input: (f) => ({ workflowId: f.workflowId, candidateVersionId: f.candidateVersionId, percent: 10 }),
    expected: from('editor'),
  },
  'canaries.setPercent': {
    input: (f) => ({ experimentId: f.canaryId, percent: 25 }),
    expected: from('editor'),
  },
  'canaries.promote': { input: (f) => ({ experimentId: f.canaryId }), expected: from('editor') },
  'canaries.stop': { input: (f) => ({ experimentId: f.canaryId }), expected: from('editor') },
};

type ProcedureType = 'query' | 'mutation' | 'subscription';

/** tRPC keeps a flat `path → procedure` record at runtime; its static type is the nested router shape. */
function procedureType(procedure: unknown): ProcedureType {
  const type = (procedure as { _def?: { type?: unknown } })._def?.type;
  if (type === 'query' || type === 'mutation' || type === 'subscription') return type;
  throw new Error('not a procedure');
}

/** Every procedure of the router with its type, read from the router itself. */
export const PROCEDURES = Object.entries(appRouter._def.procedures as Record<string, unknown>).map(
  ([path, procedure]) => ({
    path,
    type: procedureType(procedure),
  }),
);
