import type { TandemDb } from '../client';
import { createApiKeyRepository } from './api-keys';
import { createCredentialRepository } from './credentials';
import { createDatasetRepository } from './datasets';
import { createDocRepository } from './docs';
import { createExperimentRepository } from './experiments';
import { createInvitationRepository } from './invitations';
import { createLlmResultRepository, createRunEventRepository, createRunRepository } from './runs';
import { createSessionRepository } from './sessions';
import { createUserRepository } from './users';
import { createVersionRepository } from './versions';
import { createWorkflowRepository } from './workflows';
import { createWorkspaceRepository } from './workspaces';

/** Every repository over one db handle (the database, or a transaction). */
export function createRepositories(db: TandemDb) {
  return {
    users: createUserRepository(db),
    sessions: createSessionRepository(db),
    workspaces: createWorkspaceRepository(db),
    invitations: createInvitationRepository(db),
    workflows: createWorkflowRepository(db),
    docs: createDocRepository(db),
    versions: createVersionRepository(db),
    runs: createRunRepository(db),
    runEvents: createRunEventRepository(db),
    llmResults: createLlmResultRepository(db),
    apiKeys: createApiKeyRepository(db),
    credentials: createCredentialRepository(db),
    datasets: createDatasetRepository(db),
    experiments: createExperimentRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;

/**
 * Runs `work` with repositories bound to one transaction: everything commits together or not at all.
 * Repository methods that open their own transaction run as savepoints inside it.
 */
export function inTransaction<T>(db: TandemDb, work: (repos: Repositories) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(createRepositories(tx)));
}
