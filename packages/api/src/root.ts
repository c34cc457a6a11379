import { apiKeysRouter } from './routers/api-keys';
import { authRouter } from './routers/auth';
import { canariesRouter } from './routers/canaries';
import { credentialsRouter } from './routers/credentials';
import { datasetsRouter } from './routers/datasets';
import { experimentsRouter } from './routers/experiments';
import { membersRouter } from './routers/members';
import { runsRouter } from './routers/runs';
import { systemRouter } from './routers/system';
import { versionsRouter } from './routers/versions';
import { workflowsRouter } from './routers/workflows';
import { workspacesRouter } from './routers/workspaces';
import { router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  workspaces: workspacesRouter,
  members: membersRouter,
  workflows: workflowsRouter,
  versions: versionsRouter,
  runs: runsRouter,
  apiKeys: apiKeysRouter,
  credentials: credentialsRouter,
  datasets: datasetsRouter,
  experiments: experimentsRouter,
  canaries: canariesRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
