import { CLOSE_CODES, type CloseReason } from '@tandem/workflow';

/*
 * The slugs and codes (the one mapping of every refusal to a close code) live in `@tandem/workflow`, so
 * the web app can explain a close with the same table; they are re-exported here for collab's users.
 */
export { CLOSE_CODES, type CloseReason, closeCodeFor, isCloseReason } from '@tandem/workflow';

/**
 * A typed refusal. Hocuspocus reads `reason` for its permission-denied message and `code` + `reason` when
 * it closes a document connection because a hook threw, so throwing this from any hook reports the slug.
 */
export class CollabError extends Error {
  override readonly name: string = 'CollabError';
  readonly reason: CloseReason;
  readonly code: number;

  constructor(reason: CloseReason, detail?: string, options?: { cause?: unknown }) {
    super(detail ?? reason, options);
    this.reason = reason;
    this.code = CLOSE_CODES[reason];
  }
}
