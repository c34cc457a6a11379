import { randomUUID } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import { trpcServer } from '@hono/trpc-server';
import {
  type ApiServices,
  appRouter,
  createApiContext,
  describeError,
  type ResponseControls,
  SESSION_COOKIE_NAME,
} from '@tandem/api';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { clientAddress, servedOverHttps } from './http/client-address';
import { csrfGuard } from './http/csrf';
import { clearedSessionCookie, sessionCookie } from './http/session-cookie';
import { mountTrigger } from './http/trigger';
import type { Logger } from './logger';
import { serveWebApp } from './web-app';

export type AppOptions = {
  /** The api's collaborators (database, sessions, secret box, rate limits), built once by `main.ts`. */
  services: ApiServices;
  logger: Logger;
  /** Folder of the built web app (apps/web/dist); when it holds no build, `/` says how to make one. */
  webDist: string;
  /** Largest request body accepted on the API, in bytes. */
  maxBodyBytes?: number;
  /** The time every request is judged by (session expiry, rate limits, invitations); tests move it. */
  clock?: () => Date;
  /** Reverse proxies in front of Tandem whose `X-Forwarded-*` headers are believed (default 0: none). */
  trustedProxyHops?: number;
  /** Longest the HTTP trigger's `?wait=true` holds a request (default 60 s), and its re-read interval. */
  triggerMaxWaitMs?: number;
  triggerWaitPollMs?: number;
};

export type AppEnv = { Bindings: HttpBindings };

/** The HTTP surface, free of ports and signals so tests can call `app.request()` directly. */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const { services, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const trust = { trustedProxyHops: options.trustedProxyHops ?? 0 };
  const app = new Hono<AppEnv>();

  app.get('/healthz', async (c) => {
    const { db } = services;
    try {
      const migrations = await db.migrationState();
      const ok = migrations.pending === 0;
      return c.json({ ok, db: db.driver, migrations }, ok ? 200 : 503);
    } catch (error) {
      logger.error('health check failed', { error: String(error) });
      return c.json({ ok: false, db: db.driver, error: 'database not answering' }, 503);
    }
  });

  // Before the body is read: a cross-site request is refused without parsing it.
  app.use('/trpc/*', csrfGuard({ ...trust, logger }));
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
      createContext: (request, c) => {
        const now = clock();
        const secure = servedOverHttps(c, trust);
        // `set`, not `append`: a request that clears a stale cookie and then logs in sends one cookie.
        const http: ResponseControls = {
          setSessionCookie: (token, expiresAt) =>
            request.resHeaders.set('set-cookie', sessionCookie(token, { expiresAt, now, secure })),
          clearSessionCookie: () => request.resHeaders.set('set-cookie', clearedSessionCookie({ secure })),
          setRetryAfter: (seconds) => request.resHeaders.set('retry-after', String(seconds)),
        };
        return createApiContext(services, {
          requestId: randomUUID(),
          now,
          clientAddress: clientAddress(c, trust),
          sessionToken: getCookie(c, SESSION_COOKIE_NAME) ?? null,
          http,
        });
      },
      onError: ({ error, path, ctx }) => {
        const described = describeError(error);
        if (described.expected) return;
        logger.error('procedure failed', {
          path: path ?? null,
          requestId: typeof ctx?.requestId === 'string' ? ctx.requestId : null,
          error: error.cause ? String(error.cause) : error.message,
        });
      },
    }),
  );

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 1024 * 1024,
      onError: (c) => c.json({ error: { message: 'Request body too large.' } }, 413),
    }),
  );
  mountTrigger(app, {
    services,
    logger,
    clock,
    maxWaitMs: options.triggerMaxWaitMs ?? 60_000,
    waitPollMs: options.triggerWaitPollMs ?? 100,
  });

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
