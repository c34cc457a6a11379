/** A run event with this `(runId, seq)` is already stored; events are append-only, never replaced. */
export class DuplicateRunEventError extends Error {
  override readonly name = 'DuplicateRunEventError';
  constructor(
    readonly runId: string,
    readonly seq: number,
    options?: ErrorOptions,
  ) {
    super(`Run ${runId} already has an event with seq ${seq}`, options);
  }
}

/** Another account already uses this (lower-cased) email. */
export class EmailTakenError extends Error {
  override readonly name = 'EmailTakenError';
  constructor(
    readonly email: string,
    options?: ErrorOptions,
  ) {
    super(`An account with email ${email} already exists`, options);
  }
}

/** A write referred to a workflow that does not exist (or is soft-deleted where that matters). */
export class WorkflowNotFoundError extends Error {
  override readonly name = 'WorkflowNotFoundError';
  constructor(readonly workflowId: string) {
    super(`Workflow ${workflowId} not found`);
  }
}

/**
 * Whether `error` (or an error it wraps: drizzle wraps driver errors in `DrizzleQueryError`) is a
 * Postgres unique violation, optionally of the named constraint. Both PGlite and postgres.js put
 * the SQLSTATE in `code` and the constraint name in `constraint`.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if ('code' in current && current.code === '23505') {
      if (constraint === undefined) return true;
      const found = 'constraint' in current ? current.constraint : undefined;
      return found === constraint || current.message.includes(constraint);
    }
    current = current.cause;
  }
  return false;
}
