import type { TandemDb } from '../client';
import { createDocRepository } from './docs';
import { createRunEventRepository, createRunRepository } from './runs';
import { createUserRepository } from './users';
import { createVersionRepository } from './versions';
import { createWorkflowRepository } from './workflows';
import { createWorkspaceRepository } from './workspaces';

/** Every repository over one db handle. */
export function createRepositories(db: TandemDb) {
  return {
    users: createUserRepository(db),
    workspaces: createWorkspaceRepository(db),
    workflows: createWorkflowRepository(db),
    docs: createDocRepository(db),
    versions: createVersionRepository(db),
    runs: createRunRepository(db),
    runEvents: createRunEventRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
