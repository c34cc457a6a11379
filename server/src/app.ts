import { randomUUID } from 'node:crypto';
import { trpcServer } from '@hono/trpc-server';
import { type ApiContext, appRouter, describeError } from '@tandem/api';
import type { Database } from '@tandem/db';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from './logger';
import { serveWebApp } from './web-app';

export type AppOptions = {
  db: Pick<Database, 'driver' | 'migrationState'>;
  logger: Logger;
  /** Folder of the built web app (apps/web/dist); when it holds no build, `/` says how to make one. */
  webDist: string;
  /** Largest request body accepted on the API, in bytes. */
  maxBodyBytes?: number;
};

/** The HTTP surface, free of ports and signals so tests can call `app.request()` directly. */
export function createApp(options: AppOptions): Hono {
  const { db, logger } = options;
  const app = new Hono();

  app.get('/healthz', async (c) => {
    try {
      const migrations = await db.migrationState();
      const ok = migrations.pending === 0;
      return c.json({ ok, db: db.driver, migrations }, ok ? 200 : 503);
    } catch (error) {
      logger.error('health check failed', { error: String(error) });
      return c.json({ ok: false, db: db.driver, error: 'database not answering' }, 503);
    }
  });

  app.use(
    '/trpc/*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 1024 * 1024,
      onError: (c) => c.json({ error: { message: 'Request body too large.' } }, 413),
    }),
  );
  app.use(
    '/trpc/*',
    trpcServer({
      endpoint: '/trpc',
      router: appRouter,
      createContext: (): ApiContext => ({ db, requestId: randomUUID() }),
      onError: ({ error, path, ctx }) => {
        const described = describeError(error);
        if (described.expected) return;
        logger.error('procedure failed', {
          path: path ?? null,
          requestId: ctx?.requestId ?? null,
          error: error.cause ? String(error.cause) : error.message,
        });
      },
    }),
  );

  app.all('/api/*', (c) =>
    c.json({ error: { message: `No API route ${c.req.method} ${c.req.path}.` } }, 404),
  );

  serveWebApp(app, options.webDist);

  app.onError((error, c) => {
    logger.error('request failed', { path: c.req.path, error: String(error) });
    return c.json({ error: { message: 'Something went wrong on our side.' } }, 500);
  });

  return app;
}
