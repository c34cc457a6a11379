import { OperationalError, UserError } from '@tandem/workflow';

/** The `error.kind` of `node.failed`, `node.retrying` and `run.failed` events. */
export type FailureKind = 'user' | 'operational' | 'timeout' | 'cancelled' | 'internal';

/** What went wrong in a node attempt, already classified for the retry loop and the event payload. */
export class NodeFailure extends Error {
  override readonly name = 'NodeFailure';
  readonly kind: FailureKind;
  readonly retryable: boolean;
  /** The server asked us to wait this long before the next attempt (HTTP Retry-After, provider 429). */
  readonly retryAfterMs: number | undefined;

  constructor(
    kind: FailureKind,
    message: string,
    options?: { retryable?: boolean; retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.retryable = options?.retryable ?? false;
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** Why an outbound HTTP request did not produce a response; thrown by `HttpClient` implementations. */
export type HttpRequestErrorKind =
  | 'refused'
  | 'invalid_url'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'network'
  | 'aborted';

export class HttpRequestError extends Error {
  override readonly name = 'HttpRequestError';
  readonly kind: HttpRequestErrorKind;
  /** Timeouts and network failures may succeed on a later attempt; refusals and size limits never do. */
  readonly retryable: boolean;

  constructor(kind: HttpRequestErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.retryable = kind === 'timeout' || kind === 'network';
  }
}

/**
 * The engine knows `@tandem/llm` by type only (DESIGN.md), so an `LlmError` is recognised by its shape rather
 * than `instanceof`.
 */
type LlmErrorShape = {
  name: 'LlmError';
  message: string;
  kind: string;
  retryable: boolean;
  retryAfterMs?: number;
};

function isLlmError(error: unknown): error is LlmErrorShape {
  return (
    error instanceof Error &&
    error.name === 'LlmError' &&
    typeof (error as { retryable?: unknown }).retryable === 'boolean' &&
    typeof (error as { kind?: unknown }).kind === 'string'
  );
}

/** Maps anything a node executor threw onto a `NodeFailure`; `internal` marks bugs (the message stays generic). */
export function toNodeFailure(error: unknown): NodeFailure {
  if (error instanceof NodeFailure) return error;
  if (isLlmError(error)) {
    const kind: FailureKind =
      error.kind === 'aborted'
        ? 'cancelled'
        : error.kind === 'timeout'
          ? 'timeout'
          : error.kind === 'bad_request' || error.kind === 'auth'
            ? 'user'
            : 'operational';
    return new NodeFailure(kind, error.message, {
      retryable: error.retryable,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      cause: error,
    });
  }
  if (error instanceof HttpRequestError) {
    const kind: FailureKind =
      error.kind === 'timeout'
        ? 'timeout'
        : error.kind === 'aborted'
          ? 'cancelled'
          : error.kind === 'network'
            ? 'operational'
            : 'user';
    return new NodeFailure(kind, error.message, { retryable: error.retryable, cause: error });
  }
  if (error instanceof UserError) return new NodeFailure('user', error.message, { cause: error });
  if (error instanceof OperationalError)
    return new NodeFailure('operational', error.message, { cause: error });
  return new NodeFailure('internal', 'Unexpected error; it has been logged.', { cause: error });
}
