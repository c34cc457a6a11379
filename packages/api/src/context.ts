import type { Database } from '@tandem/db';

/** What every procedure may use. The server builds one per request; tests build it by hand. */
export type ApiContext = {
  db: Pick<Database, 'driver' | 'migrationState'>;
  requestId: string;
};
