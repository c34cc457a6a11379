import { TRPCClientError } from '@trpc/client';
import { latestRetryAfter } from './retry-after';

/** A field error the api sends in `data.issues` (dotted path, message to show beside the field). */
export type FieldIssue = { path: string; message: string };

export type ApiProblem = {
  /** tRPC code, e.g. BAD_REQUEST, UNAUTHORIZED, TOO_MANY_REQUESTS; NETWORK when the server did not answer. */
  code: string;
  message: string;
  issues: FieldIssue[];
  /** Set for TOO_MANY_REQUESTS: seconds until another attempt may succeed. */
  retryAfterSeconds: number | null;
};

function isFieldIssue(value: unknown): value is FieldIssue {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.path === 'string' && typeof record.message === 'string';
}

/** Turns whatever a call threw into something a form or a toast can show. */
export function describeApiError(error: unknown): ApiProblem {
  if (error instanceof TRPCClientError) {
    const data: unknown = error.data;
    const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
    const code = typeof record.code === 'string' ? record.code : 'NETWORK';
    const issues = Array.isArray(record.issues) ? record.issues.filter(isFieldIssue) : [];
    const message =
      code === 'NETWORK'
        ? 'Tandem’s server is not answering. Check your connection and try again.'
        : error.message;
    return {
      code,
      message,
      issues,
      retryAfterSeconds: code === 'TOO_MANY_REQUESTS' ? (latestRetryAfter() ?? 60) : null,
    };
  }
  return {
    code: 'UNKNOWN',
    message: error instanceof Error ? error.message : 'Something went wrong.',
    issues: [],
    retryAfterSeconds: null,
  };
}

/** Field path → first message, for showing beside inputs. Issues without a path are left for the summary. */
export function fieldErrors(issues: readonly FieldIssue[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.path !== '' && byField[issue.path] === undefined) byField[issue.path] = issue.message;
  }
  return byField;
}

/** The message for a whole form: rate limits say how long to wait. */
export function summaryMessage(problem: ApiProblem): string {
  if (problem.retryAfterSeconds !== null) {
    return `Too many attempts — try again in ${problem.retryAfterSeconds} s.`;
  }
  return problem.message;
}
