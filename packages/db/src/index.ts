export {
  type CreateDbOptions,
  createDb,
  type Database,
  type Driver,
  MIGRATIONS_FOLDER,
  type Schema,
  type TandemDb,
  type TandemTx,
} from './client';
export { DuplicateRunEventError, EmailTakenError, WorkflowNotFoundError } from './errors';
export type { MigrationState } from './migrations';
export {
  type ApiKey,
  type ApiKeyRepository,
  type ApiKeySummary,
  createApiKeyRepository,
  type NewApiKey,
} from './repositories/api-keys';
export {
  type CredentialInput,
  type CredentialProvider,
  type CredentialRepository,
  type CredentialSummary,
  createCredentialRepository,
  type StoredCredential,
} from './repositories/credentials';
export {
  createDatasetRepository,
  type Dataset,
  type DatasetRepository,
  type DatasetRow,
  type DatasetRowInput,
  type DatasetWithCount,
  expectedOf,
  type NewDataset,
} from './repositories/datasets';
export { createDocRepository, type DocRepository, type LoadedDoc } from './repositories/docs';
export {
  createExperimentRepository,
  type EndedTrial,
  type Experiment,
  type ExperimentRepository,
  type ExperimentStatus,
  type NewExperiment,
  type NewTrial,
  type Trial,
  type TrialCounts,
  type TrialScore,
  type TrialStatus,
} from './repositories/experiments';
export { createRepositories, inTransaction, type Repositories } from './repositories/index';
export {
  createInvitationRepository,
  type Invitation,
  type InvitationRepository,
  type InvitationSummary,
  type NewInvitation,
} from './repositories/invitations';
export {
  type ClaimedRun,
  type ClaimOptions,
  createLlmResultRepository,
  createRunEventRepository,
  createRunRepository,
  type LlmResultRepository,
  type NewRun,
  type NewRunEvent,
  type Run,
  type RunEventRepository,
  type RunRepository,
  type RunStatus,
  type RunTrigger,
  type StoredRunEvent,
  TERMINAL_RUN_STATUSES,
} from './repositories/runs';
export {
  createSessionRepository,
  type NewSession,
  type Session,
  type SessionRepository,
  type SessionUser,
} from './repositories/sessions';
export {
  createUserRepository,
  type NewUser,
  normaliseEmail,
  type User,
  type UserRepository,
} from './repositories/users';
export {
  createVersionRepository,
  type NewVersion,
  type Version,
  type VersionRepository,
  type VersionSummary,
} from './repositories/versions';
export { createWorkflowRepository, type Workflow, type WorkflowRepository } from './repositories/workflows';
export {
  createWorkspaceRepository,
  type Membership,
  type MemberUpdate,
  ROLES,
  type Role,
  type Workspace,
  type WorkspaceMember,
  type WorkspaceRepository,
} from './repositories/workspaces';
export {
  apiKeys,
  CREDENTIAL_PROVIDERS,
  credentials,
  datasetRows,
  datasets,
  docStates,
  docUpdates,
  experimentStatusEnum,
  experiments,
  experimentTrials,
  invitations,
  llmResults,
  memberships,
  roleEnum,
  runEvents,
  runStatusEnum,
  runs,
  runTriggerEnum,
  sessions,
  users,
  versions,
  workflows,
  workspaces,
} from './schema/index';
export { openTestDatabase, type TestDatabase } from './testing';
