import { randomUUID } from 'node:crypto';
import { openTestDatabase, type TestDatabase } from '@tandem/db';
import { type ApiContext, type ApiLogFields, createApiContext, type ResponseControls } from './context';
import { generateSecretKey } from './secrets/secret-box';
import { createApiServices } from './services';

/** The databases a db-backed api test runs on: PGlite always, Postgres too when TEST_DATABASE_URL is set. */
export const TEST_DATABASES: { name: string; adminUrl: string | undefined }[] = [
  { name: 'pglite', adminUrl: undefined },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres', adminUrl: process.env.TEST_DATABASE_URL }] : []),
];

export type Testbed = Awaited<ReturnType<typeof openTestbed>>;

/** A migrated database and the api's services over it, for one test file. */
export async function openTestbed(adminUrl: string | undefined) {
  const handle: TestDatabase = await openTestDatabase(adminUrl ? { adminUrl } : {});
  const logLines: { message: string; fields: ApiLogFields | undefined }[] = [];
  const log = (message: string, fields?: ApiLogFields) => logLines.push({ message, fields });
  const services = createApiServices({
    database: handle.database,
    secretKey: generateSecretKey(),
    logger: { info: log, warn: log },
  });

  const noHttp: ResponseControls = { setSessionCookie() {}, clearSessionCookie() {}, setRetryAfter() {} };

  return {
    services,
    logLines,
    cleanup: () => handle.cleanup(),

    /** A new account (fixed password hash: these tests never log in with a password). */
    async newUser() {
      const id = randomUUID();
      return services.repos.users.create({
        id,
        email: `${id}@example.test`,
        name: 'Test',
        passwordHash: 'x',
        color: '#000',
      });
    },

    /** A request context for `userId` (a fresh session), or an anonymous one. */
    async context(userId: string | null, now = new Date()): Promise<ApiContext> {
      const token = userId ? (await services.sessions.createSession(userId, now)).token : null;
      return createApiContext(services, {
        requestId: randomUUID(),
        now,
        clientAddress: '192.0.2.1',
        sessionToken: token,
        http: noHttp,
      });
    },
  };
}
