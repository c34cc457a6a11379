// Moved to @tandem/workflow (the web app reads them too); re-exported so the server's imports keep working.
export {
  type CollabNotice,
  encodeNotice,
  parseNotice,
  type RunEventLike,
  type RunStart,
  type RunView,
  readRuns,
} from '@tandem/workflow';
export { SCHEMA_VERSION_PARAM, SESSION_COOKIE } from './auth';
export { CLOSE_CODES, type CloseReason, CollabError, closeCodeFor, isCloseReason } from './close-codes';
export { type CollabMetrics, type CollabServer, createCollabServer } from './collab-server';
export { type CollabEnv, EnvError as CollabEnvError, parseCollabEnv } from './env';
export type { CollabLimits, CollabServerOptions, CollabTiming, DurableWriteTiming } from './options';
export type { CollabAuth, CollabLogger, CollabUser, DocStore, Role } from './ports';
export type { RunsWriter } from './runs-writer';
export { runStandaloneProcess, type Standalone, startStandalone } from './standalone';
