export type { ApiContext } from './context';
export type { FieldIssue } from './errors';
export { describeError } from './errors';
export type { AppRouter } from './root';
export { appRouter } from './root';
export { createCallerFactory } from './trpc';
