import { OperationalError, UserError } from '@tandem/workflow';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';

/**
 * The request needs a signed-in user, or signing in failed. Maps to UNAUTHORIZED (401), so the web app
 * knows to show the login form; the message is the same whatever went wrong.
 */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

/** A field error a form can show beside the field it names. */
export type FieldIssue = { path: string; message: string };

const GENERIC_MESSAGE = 'Something went wrong on our side. It has been logged; please try again.';

/**
 * The one place that decides what a client learns about an error: user errors keep their message and
 * field issues, operational errors say a dependency failed, anything else is a bug and says nothing more.
 */
export function describeError(error: unknown): {
  code: TRPCError['code'];
  message: string;
  issues: FieldIssue[];
  expected: boolean;
} {
  const cause = error instanceof TRPCError && error.cause ? error.cause : error;
  if (cause instanceof UserError) {
    return { code: cause.code, message: cause.message, issues: cause.issues ?? [], expected: true };
  }
  if (cause instanceof AuthenticationError) {
    return { code: 'UNAUTHORIZED', message: cause.message, issues: [], expected: true };
  }
  if (cause instanceof ZodError) {
    return {
      code: 'BAD_REQUEST',
      message: 'The request is not valid.',
      issues: zodIssues(cause),
      expected: true,
    };
  }
  if (cause instanceof OperationalError) {
    return {
      code: 'SERVICE_UNAVAILABLE',
      message: 'A service Tandem depends on is not answering. Please try again shortly.',
      issues: [],
      expected: false,
    };
  }
  if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') {
    return { code: error.code, message: error.message, issues: [], expected: true };
  }
  return { code: 'INTERNAL_SERVER_ERROR', message: GENERIC_MESSAGE, issues: [], expected: false };
}

function zodIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
