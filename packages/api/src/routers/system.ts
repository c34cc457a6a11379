import { publicProcedure, router } from '../trpc';

export const systemRouter = router({
  /** What the server runs on; the same facts /healthz reports, for the web app's status bar. */
  info: publicProcedure.query(async ({ ctx }) => ({
    db: ctx.services.db.driver,
    migrations: await ctx.services.db.migrationState(),
  })),
});
