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
export { createDocRepository, type DocRepository, type LoadedDoc } from './repositories/docs';
export { createRepositories, type Repositories } from './repositories/index';
export {
  createRunEventRepository,
  createRunRepository,
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
  ROLES,
  type Role,
  type Workspace,
  type WorkspaceMember,
  type WorkspaceRepository,
} from './repositories/workspaces';
export {
  apiKeys,
  credentials,
  datasetRows,
  datasets,
  docStates,
  docUpdates,
  experimentStatusEnum,
  experiments,
  invitations,
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
