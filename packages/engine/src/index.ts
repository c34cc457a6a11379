export type { RunEvent, RunEventType } from './run-events';
export { RUN_EVENT_TYPES, runEventSchema } from './run-events';
