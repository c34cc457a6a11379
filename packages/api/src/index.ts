export { workflowRole } from './access/access';
export { type Action, type Actor, can, POLICY, type ResourceAccess } from './access/policy';
export { createArgon2PasswordHasher, type PasswordHasher } from './auth/passwords';
export type { RateLimitRule } from './auth/rate-limit';
export {
  createSessionService,
  readSessionCookie,
  SESSION_COOKIE_NAME,
  SESSION_INACTIVITY_TIMEOUT_MS,
  type SessionInfo,
  type SessionService,
  type ValidatedSession,
} from './auth/sessions';
export { userColor } from './auth/user-color';
export {
  type ApiContext,
  type ApiLogger,
  type ApiServices,
  createApiContext,
  type ResponseControls,
} from './context';
export { runDto, runEventDto } from './dto';
export type { FieldIssue } from './errors';
export { describeError } from './errors';
export { startCanaryRun } from './experiments/canary-run';
export {
  type CanaryConfig,
  type DatasetExperimentConfig,
  type ExperimentConfig,
  readExperimentConfig,
} from './experiments/config';
export { progressDto } from './experiments/dto';
export { type LiveDocuments, storedLiveDocuments } from './live-documents';
export type { AppRouter } from './root';
export { appRouter } from './root';
export { INVITATION_TTL_MS } from './routers/members';
export { createEventSink, type EventSinkOptions, type RunsDocWriter } from './runs/event-sink';
export { IDLE_RUN_QUEUE, type RunQueue } from './runs/run-queue';
export { startRun } from './runs/start-run';
export { type VerifiedApiKey, verifyApiKey } from './secrets/api-keys';
export { type ProviderCredential, readCredential } from './secrets/credentials';
export { generateSecretKey, parseSecretKey, type SecretBox, SecretBoxError } from './secrets/secret-box';
export { type ApiServicesOptions, createApiServices, type RateLimitConfig } from './services';
export { createCallerFactory } from './trpc';
export { draftProblems, saveDraftVersion } from './versions/save-draft';
