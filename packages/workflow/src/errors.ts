/** A field-level problem a form or an API client can show beside the field it names. */
export type ErrorIssue = { path: string; message: string };

/** The HTTP-ish class of a user error; api maps these to tRPC codes, collab to close codes. */
export type UserErrorCode = 'BAD_REQUEST' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'TOO_MANY_REQUESTS';

/**
 * Bad input from a person or a client: safe to show, never retried. `issues` name the fields at fault.
 */
export class UserError extends Error {
  override readonly name: string = 'UserError';
  readonly code: UserErrorCode;
  readonly issues: ErrorIssue[] | undefined;

  constructor(code: UserErrorCode, message: string, issues?: ErrorIssue[], options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.issues = issues;
  }
}

/** A dependency failed (network, provider, database): retried or reported, not the user's fault. */
export class OperationalError extends Error {
  override readonly name: string = 'OperationalError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * A workflow document (or definition) was written by a newer Tandem than this code understands.
 * Refusing is the only safe answer: editing it would silently drop what we cannot read.
 */
export class SchemaVersionError extends UserError {
  override readonly name: string = 'SchemaVersionError';
  readonly docVersion: number;
  readonly supportedVersion: number;

  constructor(docVersion: number, supportedVersion: number) {
    super(
      'CONFLICT',
      `This workflow uses schema version ${docVersion}, but this version of Tandem supports up to ${supportedVersion}. Please update Tandem.`,
    );
    this.docVersion = docVersion;
    this.supportedVersion = supportedVersion;
  }
}
