export { systemClock } from './clock';
export { coalesceDeltas, type DeltaCoalescer } from './coalesce-deltas';
export { type FailureKind, HttpRequestError, type HttpRequestErrorKind, NodeFailure } from './errors';
export { type ExecuteRunOptions, executeRun, type RunResult } from './execute-run';
export { evaluateCondition, evaluateExpression } from './expression-eval';
export { type InputValidationResult, validateInputs } from './input-validation';
export { DEFAULT_LIMITS, type RetryPolicy, type RunLimits, type RunLimitsInput } from './limits';
export type { NodeUsage } from './nodes/types';
export type {
  Clock,
  CodeSandbox,
  CodeSandboxInput,
  EnginePorts,
  HttpClient,
  HttpMethod,
  HttpRequest,
  HttpResponse,
} from './ports';
export { type ResumeFromEventsResult, type ResumeState, resumeFromEvents } from './resume';
export { backoffDelay } from './retry';
export type { RunEvent, RunEventType } from './run-events';
export { RUN_EVENT_TYPES, runEventSchema } from './run-events';
export { createQuickJsSandbox, type QuickJsModule } from './sandbox/quickjs';
export { type RenderOptions, renderTemplate } from './template-render';
