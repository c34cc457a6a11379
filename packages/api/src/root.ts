import { systemRouter } from './routers/system';
import { workflowsRouter } from './routers/workflows';
import { router } from './trpc';

export const appRouter = router({
  system: systemRouter,
  workflows: workflowsRouter,
});

export type AppRouter = typeof appRouter;
