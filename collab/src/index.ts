export { SCHEMA_VERSION_PARAM, SESSION_COOKIE } from './auth';
export { CLOSE_CODES, type CloseReason, CollabError, closeCodeFor, isCloseReason } from './close-codes';
export { type CollabMetrics, type CollabServer, createCollabServer } from './collab-server';
export { type CollabNotice, encodeNotice, parseNotice } from './notices';
export type { CollabLimits, CollabServerOptions, CollabTiming } from './options';
export type { CollabAuth, CollabLogger, CollabUser, DocStore, Role } from './ports';
export { type RunEventLike, type RunStart, type RunView, readRuns } from './runs-doc';
export type { RunsWriter } from './runs-writer';
